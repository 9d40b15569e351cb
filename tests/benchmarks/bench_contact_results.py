"""Contact results: the cost of recording a result instead of a plain "Done".

On --size planned calls with clients (created first, not measured),
measures recording their results through the result dialog, half postponed
(the call moves and is counted) and half refused (the call is closed), each
writing a result record and messages on the client. The baseline is Odoo's
own "Mark Done" with a feedback (``action_feedback``) on the same number of
to-do activities of the same clients.

Prints milliseconds and SQL queries per contact and the ours/baseline
ratio. Everything runs in one transaction that is rolled back.

    .venv/bin/python tests/benchmarks/bench_contact_results.py -c .local/odoo.conf -d <db> [--size 500]
"""

from datetime import timedelta

from benchlib import main, measure


def run(env, size):
    ref = env.ref
    clients = env["res.partner"].create([{"name": f"Client {index}", "is_company": True} for index in range(size)])
    model_id = env["ir.model"]._get_id("res.partner")
    today = env.cr.now().date()

    def activities(type_xml_id):
        return env["mail.activity"].create(
            [
                {
                    "res_model_id": model_id,
                    "res_id": client.id,
                    "activity_type_id": ref(type_xml_id).id,
                    "user_id": env.uid,
                    "date_deadline": today,
                    "summary": "Invite to the exhibition",
                }
                for client in clients
            ]
        )

    calls = activities("mail.mail_activity_data_call")
    todos = activities("mail.mail_activity_data_todo")
    reason = ref("event_lead_followup.crm_lost_reason_no_budget")
    postpone = ref("event_lead_followup.postpone_reason_callback")
    Wizard = env["event.lead.contact.result.wizard"]

    def record_results():
        for index, call in enumerate(calls):
            values = (
                {
                    "result_type": "postponed",
                    "postponed_to": today + timedelta(days=7),
                    "postpone_reason_id": postpone.id,
                }
                if index % 2
                else {"result_type": "refused_participation", "lost_reason_id": reason.id}
            )
            Wizard.with_context(default_activity_id=call.id).create(values)._record()
            env.flush_all()  # one web request per result

    def mark_done():
        for todo in todos:
            todo.action_feedback(feedback="Refused: no budget this year")
            env.flush_all()

    (t_ours, q_ours), (t_base, q_base) = measure(env, record_results), measure(env, mark_done)
    print(f"Contact results, {size} contacts")
    print(
        f"{'record a result (wizard) vs Mark Done':<46} ours {1000 * t_ours / size:8.2f} ms {q_ours / size:7.2f} q"
        f" | Odoo {1000 * t_base / size:8.2f} ms {q_base / size:7.2f} q"
        f" | ratio {t_ours / t_base:5.2f}x time {q_ours / max(q_base, 1):5.2f}x queries   (per contact)"
    )
    results = env["event.lead.contact.result"].search_count([("activity_id", "in", calls.ids)])
    print(f"  results recorded: {results}, calls still planned (postponed): {len(calls.filtered('active'))}")


if __name__ == "__main__":
    main(__doc__, run, size=500, size_help="number of contacts", context={"mail_create_nolog": True})
