// The baomi extension: starts `baomi lsp` in the workspace folder when that
// folder holds a baomi inventory, and hands it the folder's .hcl files.
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

// A block only a baomi inventory has: every inventory declares its organization,
// and most name systems and data assets. Other HCL (Terraform, Nomad, Packer) has none.
const inventoryBlock = /^\s*(organization|data_asset|paper_archive)\s+"/m;

let client;

// isInventory reports whether one of the folder's first .hcl files is a baomi inventory file.
async function isInventory() {
  const files = await vscode.workspace.findFiles('**/*.hcl', '**/{node_modules,.terraform}/**', 200);
  for (const uri of files) {
    const text = Buffer.from(await vscode.workspace.fs.readFile(uri)).toString('utf8');
    if (inventoryBlock.test(text)) {
      return true;
    }
  }
  return false;
}

async function activate(context) {
  const config = vscode.workspace.getConfiguration('baomi');
  if (!config.get('always') && !(await isInventory())) {
    return;
  }
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
  await client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
