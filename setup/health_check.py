"""Health of an Odoo database after an upgrade or an uninstall.

Run inside `odoo-bin shell` (stdin): setup/test.sh does
    odoo-bin shell -d DB < setup/health_check.py
Checks that every active view still validates against its model, every
menu's action exists and the menu tree loads, every active cron and server
action points at an existing model and method, and every act_window opens an
existing model. Prints "HEALTH OK" or one line per problem after
"HEALTH PROBLEMS".
"""

import re

problems = []

for view in env["ir.ui.view"].with_context(active_test=True).search([("model", "!=", False)]):  # noqa: F821
    if view.model not in env:  # noqa: F821
        problems.append(f"view {view.xml_id or view.id}: model {view.model} is gone")
        continue
    try:
        view._check_xml()
    except Exception as exc:  # noqa: BLE001 - every kind of broken view is reported
        problems.append(f"view {view.xml_id or view.id}: {' '.join(str(exc).split())[:400]}")

for menu in env["ir.ui.menu"].search([("action", "!=", False)]):  # noqa: F821
    if not menu.action.exists():
        problems.append(f"menu {menu.complete_name}: its action is gone")
try:
    env["ir.ui.menu"].load_menus(False)  # noqa: F821
except Exception as exc:  # noqa: BLE001
    problems.append(f"menu tree does not load: {exc}")

for action in env["ir.actions.act_window"].search([]):  # noqa: F821
    if action.res_model not in env:  # noqa: F821
        problems.append(f"window action {action.xml_id or action.id} ({action.name}): model {action.res_model} is gone")

CODE_CALL = re.compile(r"\bmodel\.(\w+)\(")
for server in env["ir.actions.server"].with_context(active_test=False).search([]):  # noqa: F821
    model = server.model_id.model
    if not model or model not in env:  # noqa: F821
        problems.append(f"server action {server.xml_id or server.id} ({server.name}): model {model} is gone")
        continue
    if server.state == "code":
        for method in CODE_CALL.findall(server.code or ""):
            if not hasattr(env[model], method):  # noqa: F821
                problems.append(f"server action {server.xml_id or server.id} ({server.name}): {model}.{method} is gone")

for cron in env["ir.cron"].search([("active", "=", True)]):  # noqa: F821
    if not cron.ir_actions_server_id.exists():
        problems.append(f"cron {cron.cron_name}: its server action is gone")

if problems:
    print("HEALTH PROBLEMS")
    print("\n".join(problems))
else:
    print("HEALTH OK")
env.cr.rollback()  # noqa: F821
