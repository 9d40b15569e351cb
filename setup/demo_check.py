"""A fresh demo database tells the whole story: every report has figures.

Run inside `odoo-bin shell` (stdin) on a database with the addons and demo
data: setup/test.sh does
    odoo-bin shell -d DB < setup/demo_check.py
As the demo Sales manager ("manager"), counts the rows of every report of
event_lead_reports and of every graph of the sales dashboard (with the
dashboard's own filters: this month, this year...), the seed event's funnel
(100 registered, 45 attended), and checks the campaign sent with its clicks,
deals in every status, contact results of every type and the follow-ups.
Prints "DEMO OK" or one line per problem after "DEMO PROBLEMS".
"""

from dateutil.relativedelta import relativedelta
from lxml import etree

from odoo import fields
from odoo.fields import Domain
from odoo.tools.safe_eval import safe_eval

problems = []
env = env(context=dict(env.context, lang="en_US"))  # noqa: F821
manager = env.ref("event_lead_followup.res_users_manager_demo", raise_if_not_found=False)
if not manager:
    problems.append("the demo Sales manager (login manager) is missing: is demo data installed?")
    manager = env.ref("base.user_admin")
as_manager = env(user=manager.id)
today = fields.Date.context_today(as_manager["res.users"])

# every report model of event_lead_reports has rows for the manager
report_models = (
    env["ir.model"]
    .search([("model", "=like", "event.lead.%.report")])
    .filtered(lambda m: "event_lead_reports" in m.modules.split(", "))
)
if len(report_models) < 8:
    problems.append(f"only {len(report_models)} report models found: {report_models.mapped('model')}")
for model in report_models:
    count = as_manager[model.model].search_count([])
    if not count:
        problems.append(f"report {model.model}: no rows")

# the seed event's funnel: 100 registered, 45 attended
seed = env.ref("event_lead_followup.event_event_expo_demo", raise_if_not_found=False)
if seed:
    Funnel = as_manager["event.lead.funnel.report"]
    totals = Funnel._read_group(
        [("event_id", "=", seed.id)], [], ["registered_count:sum", "attended_count:sum", "invited_count:sum"]
    )[0]
    if totals[0] < 100 or totals[1] != 45:
        problems.append(f"funnel of {seed.name}: {totals[0]} registered / {totals[1]} attended, not 100 / 45")
    if not totals[2]:
        problems.append(f"funnel of {seed.name}: no invitations")
else:
    problems.append("the seed event (event_lead_followup.event_event_expo_demo) is missing")


def period_domain(field, period):
    """The domain of a date filter's default period (this month / this year)."""
    start = today.replace(day=1) if period == "month" else today.replace(month=1, day=1)
    end = start + (relativedelta(months=1) if period == "month" else relativedelta(years=1))
    return Domain(field, ">=", start) & Domain(field, "<", end)


def filter_domains(model, action):
    """{filter name: domain} of the action's search view."""
    view_id = action.search_view_id.id or None
    arch = as_manager[model].get_view(view_id, "search")["arch"]
    domains = {}
    for node in etree.fromstring(arch).iter("filter"):
        name = node.get("name")
        if node.get("date"):
            domains[name] = period_domain(node.get("date"), node.get("default_period") or "month")
        elif node.get("domain"):
            domains[name] = Domain(safe_eval(node.get("domain"), {"context_today": lambda: today, "uid": manager.id}))
    return domains


# every graph and table of the sales dashboard, with its default filters
dashboard = env.ref("event_lead_reports.event_lead_dashboard_view_form", raise_if_not_found=False)
if dashboard:
    for node in etree.fromstring(dashboard.arch).iter("action"):
        action = env["ir.actions.act_window"].browse(int(node.get("name")))
        context = safe_eval(node.get("context") or "{}")
        filters = filter_domains(action.res_model, action)
        domain = Domain(safe_eval(action.domain or "[]", {"uid": manager.id}))
        for key, value in context.items():
            if key.startswith("search_default_") and value:
                domain &= filters.get(key[len("search_default_") :], Domain.TRUE)
        if not as_manager[action.res_model].search_count(domain):
            problems.append(f"dashboard «{node.get('string')}» ({action.res_model}): empty")
else:
    problems.append("the sales dashboard is missing")

# the campaign sent this year, with clicks, hot clients and owner call tasks
if "event.lead.campaign.letter" in env:
    Letter = env["event.lead.campaign.letter"]
    sent = Letter.search_count([("state", "=", "sent"), ("year", "=", today.year)])
    clicked = Letter.search_count([("clicked", "=", True), ("year", "=", today.year)])
    if not sent or not clicked:
        problems.append(f"campaign letters this year: {sent} sent, {clicked} clicked")
    if not env["res.partner"].search_count([("event_lead_click_date", "!=", False)]):
        problems.append("no hot client (clicked a campaign offer)")

# deals in every status, lost ones with their reason
Lead = as_manager["crm.lead"].with_context(active_test=False)
for xmlid in ("crm_stage_need", "crm_stage_negotiation", "crm_stage_contract", "crm_stage_won"):
    stage = env.ref(f"event_lead_followup.{xmlid}")
    if not Lead.search_count([("stage_id", "=", stage.id), ("won_status", "!=", "lost")]):
        problems.append(f"no deal in status {stage.name}")
if not Lead.search_count([("won_status", "=", "lost"), ("lost_reason_id", "!=", False)]):
    problems.append("no lost deal with its reason")
if not Lead.search_count([("won_status", "=", "won"), ("event_lead_bonus_user_id", "!=", False)]):
    problems.append("no won deal with its bonus owner")
Document = as_manager["event.lead.document"]
if not Document.search_count([("is_overdue", "=", True)]):
    problems.append("no overdue document")
if not Document.search_count([("original_required", "=", True), ("state", "in", ("sent", "scan"))]):
    problems.append("no awaited original")

# contact results of every type, incoming calls this month
Result = as_manager["event.lead.contact.result"]
counts = dict(Result._read_group([], ["result_type"], ["__count"]))
for result_type, label in Result._fields["result_type"].selection:
    if not counts.get(result_type):
        problems.append(f"no contact result «{label}»")
month = period_domain("date", "month")
if not Result.search_count(month & Domain("direction", "=", "incoming") & Domain("source_id", "!=", False)):
    problems.append("no incoming call with its source this month")

# the follow-ups planned after the events
if not as_manager["mail.activity"].search_count([("event_lead_registration_id", "!=", False)]):
    problems.append("no follow-up activity of an event")
if "event.lead.sales.plan" in env and not as_manager["event.lead.sales.plan"].search_count(month):
    problems.append("no sales plan this month")

if problems:
    print("DEMO PROBLEMS")
    for problem in problems:
        print(f"  - {problem}")
else:
    print("DEMO OK")
