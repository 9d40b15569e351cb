"""19.0.1.1.0: the three hand-over dialogs are named after what they do.

- ``event.lead.handoff.wizard`` -> ``event.lead.request.handoff.wizard``
  (pass a client's request to a colleague or a team);
- ``event.lead.handover.wizard`` -> ``event.lead.reassign.wizard`` (change
  the owner of clients in bulk);
- ``event.lead.sales.handover`` -> ``event.lead.sales.handover.wizard``
  (hand event participants over to sales).

The models, their fields, tables, access rights, views and action are
renamed in place, so that what points to them (an administrator's view,
filter or menu, a translation) still does; the Many2many tables of the
clients and participants of a dialog are renamed with their columns. They
are dialogs: their rows are open dialogs, kept as they are."""

from openupgradelib import openupgrade

MODELS = [
    ("event.lead.handoff.wizard", "event.lead.request.handoff.wizard"),
    ("event.lead.handover.wizard", "event.lead.reassign.wizard"),
    ("event.lead.sales.handover", "event.lead.sales.handover.wizard"),
]
# (old table, old column, new table, new column) of the dialogs' Many2many fields
RELATIONS = [
    (
        "event_lead_handover_wizard_res_partner_rel",
        "event_lead_handover_wizard_id",
        "event_lead_reassign_wizard_res_partner_rel",
        "event_lead_reassign_wizard_id",
    ),
    (
        "event_lead_sales_handover_event_registration_rel",
        "event_lead_sales_handover_id",
        "event_lead_sales_handover_wizard_event_registration_rel",
        "event_lead_sales_handover_wizard_id",
    ),
]
XMLIDS = [
    ("event_lead_handoff_wizard_view_form", "event_lead_request_handoff_wizard_view_form"),
    ("event_lead_handoff_wizard_action", "event_lead_request_handoff_wizard_action"),
    ("event_lead_handover_wizard_view_form", "event_lead_reassign_wizard_view_form"),
    ("event_lead_sales_handover_view_form", "event_lead_sales_handover_wizard_view_form"),
    ("access_event_lead_handoff_wizard_operator", "access_event_lead_request_handoff_wizard_operator"),
    ("access_event_lead_handover_wizard_operator", "access_event_lead_reassign_wizard_operator"),
    ("access_event_lead_handover_wizard_marketing", "access_event_lead_reassign_wizard_marketing"),
    ("access_event_lead_sales_handover_operator", "access_event_lead_sales_handover_wizard_operator"),
]


def table(model):
    return model.replace(".", "_")


@openupgrade.migrate()
def migrate(env, version):
    cr = env.cr
    models = [(old, new) for old, new in MODELS if openupgrade.table_exists(cr, table(old))]
    if not models:
        return
    openupgrade.rename_models(cr, models)
    openupgrade.rename_tables(cr, [(table(old), table(new)) for old, new in models])
    for old_table, old_column, new_table, new_column in RELATIONS:
        if openupgrade.table_exists(cr, old_table):
            openupgrade.rename_columns(cr, {old_table: [(old_column, new_column)]})
            openupgrade.rename_tables(cr, [(old_table, new_table)])
            openupgrade.logged_query(
                cr, "UPDATE ir_model_relation SET name = %s WHERE name = %s", (new_table, old_table)
            )
    openupgrade.rename_xmlids(cr, [(f"event_lead_followup.{old}", f"event_lead_followup.{new}") for old, new in XMLIDS])
    # the ids of their fields' selection values (rename_models renames those of the models and fields)
    for old, new in models:
        openupgrade.logged_query(
            cr,
            """
            UPDATE ir_model_data SET name = %s || substr(name, length(%s) + 1)
             WHERE module = 'event_lead_followup' AND model = 'ir.model.fields.selection'
               AND starts_with(name, %s)
            """,
            (f"selection__{table(new)}__", f"selection__{table(old)}__", f"selection__{table(old)}__"),
        )
