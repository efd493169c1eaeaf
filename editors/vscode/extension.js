// The baomi extension: starts `baomi lsp` in the workspace folder and hands it
// the workspace's .hcl files.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

let client;

function activate(context) {
  const config = vscode.workspace.getConfiguration('baomi');
  const folder = vscode.workspace.workspaceFolders && vscode.workspace.workspaceFolders[0];
  const server = {
    command: config.get('path') || 'baomi',
    args: ['lsp', ...(config.get('args') || [])],
    transport: TransportKind.stdio,
    options: folder ? { cwd: folder.uri.fsPath } : {},
  };
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.hcl');
  context.subscriptions.push(watcher);
  client = new LanguageClient('baomi', 'baomi', server, {
    // HashiCorp's HCL extension names .hcl files "hcl"; without it they are
    // plain text, which the pattern still catches.
    documentSelector: [
      { scheme: 'file', language: 'hcl' },
      { scheme: 'file', pattern: '**/*.hcl' },
    ],
    synchronize: { fileEvents: watcher },
  });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
