"""Deal statuses and the document package: what our rules cost.

On --size deals of one client each (created first, not measured), measures:

1. moving the deals from Negotiation to Contract approval, all at once and
   one deal at a time (a kanban drag): ours checks the mandatory statuses and
   creates each deal's document package (8 documents for the default deal
   type); the baseline is Odoo's own stage write on the same number of deals
   (crm and crm_stage_probability, our override skipped). One deal at a time
   is flushed after each deal, like one web request per drag;
2. winning deals one at a time (``action_set_won``): ours checks the
   mandatory statuses and the key documents; baseline as above;
3. the overdue-original reminders: the cron's batch method on two overdue
   originals per deal, against Odoo creating the same number of activities in
   one ``mail.activity.create``.

Prints milliseconds and SQL queries per deal (or per reminder) and the
ours/baseline ratio. Everything runs in one transaction that is rolled back.

    .venv/bin/python tests/benchmarks/bench_document_package.py -c .local/odoo.conf -d <db> [--size 1000]
"""

from datetime import timedelta

from benchlib import main, measure


def report(label, count, ours, base):
    (t_ours, q_ours), (t_base, q_base) = ours, base
    print(
        f"{label:<46} ours {1000 * t_ours / count:8.2f} ms {q_ours / count:7.2f} q"
        f" | Odoo {1000 * t_base / count:8.2f} ms {q_base / count:7.2f} q"
        f" | ratio {t_ours / t_base:5.2f}x time {q_ours / max(q_base, 1):5.2f}x queries   (per item, n={count})"
    )


def each(env, records, func):
    """``func`` on each record in turn, flushed like the end of one web request."""
    for record in records:
        func(record)
        env.flush_all()


def make_deals(env, size, prefix, stage, team):
    partners = env["res.partner"].create(
        [{"name": f"{prefix} client {index}", "is_company": True} for index in range(size)]
    )
    return (
        env["crm.lead"]
        .with_context(tracking_disable=True)
        .create(
            [
                {
                    "name": f"{prefix} deal {index}",
                    "type": "opportunity",
                    "partner_id": partner.id,
                    "user_id": env.uid,
                    "team_id": team.id,
                    "expected_revenue": 1000 * (index + 1),
                    "stage_id": stage.id,
                    # the facts of Contract approval are recorded: the moves below are allowed
                    "event_lead_offer_state": "chosen",
                    "event_lead_budget_state": "invoiced",
                }
                for index, partner in enumerate(partners)
            ]
        )
    )


def run(env, size):
    from odoo.addons.event_lead_followup.models.crm_lead import CrmLead as OurLead

    def plain_write(leads, vals):
        # Odoo's own write (crm, crm_stage_probability), our override skipped
        return super(OurLead, leads).write(vals)

    ref = env.ref
    negotiation = ref("event_lead_followup.crm_stage_negotiation")
    contract = ref("event_lead_followup.crm_stage_contract")
    won = ref("event_lead_followup.crm_stage_won")
    single = min(size, 200)

    print(f"Deal statuses and document package, {size} deals")
    # the deals of a team that follows the deal statuses (whatever the database's default team does)
    team = env["crm.team"].create({"name": "Bench team", "event_lead_follow_statuses": True})
    ours = make_deals(env, size, "Ours", negotiation, team)
    base = make_deals(env, size, "Base", negotiation, team)
    report(
        "Negotiation -> Contract approval, one write",
        size,
        measure(env, lambda: ours.write({"stage_id": contract.id})),
        measure(env, lambda: plain_write(base, {"stage_id": contract.id})),
    )
    print(f"  documents created: {len(ours.event_lead_document_ids)}")

    ours1 = make_deals(env, single, "Ours1", negotiation, team)
    base1 = make_deals(env, single, "Base1", negotiation, team)
    report(
        "Negotiation -> Contract approval, per deal",
        single,
        measure(env, lambda: each(env, ours1, lambda lead: lead.write({"stage_id": contract.id}))),
        measure(env, lambda: each(env, base1, lambda lead: plain_write(lead, {"stage_id": contract.id}))),
    )

    key_docs = ours1.event_lead_document_ids.filtered(lambda doc: doc.document_type_id.won_min_state)
    key_docs.write({"state": "sent"})
    report(
        "Won (action_set_won), per deal",
        single,
        measure(env, lambda: each(env, ours1, lambda lead: lead.action_set_won())),
        measure(
            env, lambda: each(env, base1, lambda lead: plain_write(lead, {"stage_id": won.id, "probability": 100}))
        ),
    )

    types = ref("event_lead_followup.document_type_contract") | ref("event_lead_followup.document_type_act")
    overdue = ours.event_lead_document_ids.filtered(lambda doc: doc.document_type_id in types)
    overdue.write({"state": "sent", "date_sent": env.cr.now().date() - timedelta(days=90)})
    Document = env["event.lead.document"]
    domain = Document._overdue_original_domain()

    def remind():
        while batch := Document.search(domain, limit=500, order="id"):
            batch._remind_overdue_originals()

    lead_model = env["ir.model"]._get_id("crm.lead")
    activity_type = ref("event_lead_followup.mail_activity_type_original")
    vals_list = [
        {
            "res_model_id": lead_model,
            "res_id": doc.lead_id.id,
            "activity_type_id": activity_type.id,
            "user_id": env.uid,
            "date_deadline": env.cr.now().date(),
            "automated": True,
            "summary": f"Original overdue: {doc.id}",
        }
        for doc in overdue
    ]
    report(
        "Overdue-original reminders (cron batches)",
        len(overdue),
        measure(env, remind),
        measure(env, lambda: env["mail.activity"].with_context(mail_activity_quick_update=True).create(vals_list)),
    )
    print(f"  reminders created: {env['mail.activity'].search_count([('event_lead_document_id', 'in', overdue.ids)])}")


if __name__ == "__main__":
    main(
        __doc__, run, size=1000, size_help="number of deals", context={"mail_create_nolog": True, "mail_notrack": True}
    )
