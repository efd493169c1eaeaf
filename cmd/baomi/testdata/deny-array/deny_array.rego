# METADATA
# title: A control whose deny is an array
# description: Breaks the policy contract (deny must be a set), for TestCheckOPAURL.
# custom:
#   id: X-1.1-01
#   short_code: deny-array
#   article: "1.1"
#   severity: low
#   title_zh: deny 是数组的控制项
#   remediation: Write deny as a multi-value rule.
#   remediation_zh: 把 deny 写成多值规则。
package user.deny_array

applicable contains "organization.acme"

deny := [{"resource": "organization.acme", "message": "m"}]
