"""Event follow-up: planning the follow-ups of a large event after it ends.

Builds an event with --size registrations (55% did not come; of those who
came, a third filled the questionnaire with interest, a third without, a
third filled none), each with its own contact, and two telemarketing
operators (built first, not measured). Then measures, in the same run:

- ours: the planning of every follow-up as the organiser's button and the
  hourly job do it (batches of 1000 registrations: coordination with sales,
  load balancing, deadlines, notes with the answers, one ``create`` of the
  activities per batch, the registrations marked, the funnel recomputed);
- Odoo: a plain batched ``mail.activity.create`` of the same number of
  activities (same partners, type, deadline, context), assigned to two other
  users so that both runs subscribe their assignees as followers.

Prints seconds, SQL queries, queries per 1,000 registrations, the
ours/Odoo ratio and the peak memory of the process. Everything runs in one transaction that is rolled back.

    .venv/bin/python tests/benchmarks/bench_event_followup.py -c .local/odoo.conf -d <db> [--size 10000]
"""

import resource
import time
from datetime import timedelta

from benchlib import insert_partners, main


def measure(env, func):
    env.flush_all()
    queries = env.cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - start, env.cr.sql_log_count - queries, result


def build(env, size):
    ref = env.ref
    operator_group = ref("event_lead_followup.group_event_lead_operator")
    users = env["res.users"].create(
        [
            {
                "name": f"Bench operator {index}",
                "login": f"bench_operator_{index}",
                "group_ids": [(6, 0, operator_group.ids)],
            }
            for index in range(4)
        ]
    )
    now = env.cr.now()
    event = env["event.event"].create(
        {
            "name": "Bench exhibition",
            "date_begin": now - timedelta(days=1, hours=8),
            "date_end": now - timedelta(days=1),
            "event_lead_operator_ids": [(6, 0, users[:2].ids)],
            # no confirmation e-mails with tickets: a PDF per registration is not what is measured
            "event_mail_ids": [(5, 0, 0)],
        }
    )
    question = env["event.question"].create(
        {
            "title": "Interested?",
            "question_type": "simple_choice",
            "event_lead_role": "interest",
            "event_ids": [(4, event.id)],
            "answer_ids": [
                (0, 0, {"name": "Yes", "event_lead_meaning": "yes"}),
                (0, 0, {"name": "No", "event_lead_meaning": "no"}),
            ],
        }
    )
    yes, no = question.answer_ids
    # in SQL: the ORM's create of a contact, with the duplicate guard's keys, would take most of the run
    partners = insert_partners(
        env,
        [f"Bench participant {index}" for index in range(size)],
        [f"p{index}@bench{index}.example" for index in range(size)],
        [None] * size,
    )
    attended = int(size * 0.45)
    registrations = (
        env["event.registration"]
        .with_context(event_lead_rule_skip=True)
        .create(
            [
                {"event_id": event.id, "partner_id": partner.id, "state": "done" if index < attended else "open"}
                for index, partner in enumerate(partners)
            ]
        )
    )
    answers = []
    for index, registration in enumerate(registrations[:attended]):
        if index % 3 == 0:
            answers.append({"registration_id": registration.id, "question_id": question.id, "value_answer_id": yes.id})
        elif index % 3 == 1:
            answers.append({"registration_id": registration.id, "question_id": question.id, "value_answer_id": no.id})
    env["event.registration.answer"].create(answers)
    env.flush_all()
    return event, registrations, users


def run(env, size):
    start = time.perf_counter()
    event, registrations, users = build(env, size)
    print(f"Event follow-up, {size} registrations (45% attended) built in {time.perf_counter() - start:.1f}s")

    def ours():
        planned = 0
        while done := event._event_lead_plan_batch():
            planned += done
        event._event_lead_finish_planning()
        return planned

    t_ours, q_ours, planned = measure(env, ours)
    activities = env["mail.activity"].search([("event_lead_event_id", "=", event.id)])
    count = len(activities)
    model_id = env["ir.model"]._get_id("res.partner")
    call = env.ref("mail.mail_activity_data_call")
    deadline = activities[:1].date_deadline
    partners = activities.mapped("res_id")

    def baseline():
        return (
            env["mail.activity"]
            .with_context(mail_activity_quick_update=True)
            .create(
                [
                    {
                        "res_model_id": model_id,
                        "res_id": res_id,
                        "activity_type_id": call.id,
                        "summary": "Did not come to the event: call",
                        "note": "<p>Ask why they did not come.</p>",
                        "user_id": users[2 + index % 2].id,
                        "date_deadline": deadline,
                    }
                    for index, res_id in enumerate(partners)
                ]
            )
        )

    t_base, q_base, _created = measure(env, baseline)
    kinds = {kind: len(group) for kind, group in registrations.grouped("event_lead_followup_kind").items()}
    print(f"  registrations planned: {planned}, activities: {count}, by category: {kinds}")
    print(
        f"{'plan follow-ups vs plain activity create':<46} ours {t_ours:7.2f} s {q_ours:7d} q"
        f" | Odoo {t_base:7.2f} s {q_base:7d} q"
        f" | ratio {t_ours / t_base:5.2f}x time {q_ours / max(q_base, 1):5.2f}x queries"
    )
    print(
        f"{'per 1,000 registrations':<46} ours {1000 * t_ours / size:7.2f} s {1000 * q_ours / size:7.1f} q"
        f" | Odoo {1000 * t_base / size:7.2f} s {1000 * q_base / size:7.1f} q"
    )
    funnel = (event.event_lead_registered_count, event.event_lead_attended_count, event.event_lead_no_show_count)
    print(f"  funnel: registered {funnel[0]}, attended {funnel[1]}, did not come {funnel[2]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of the process (RSS): {peak:.0f} MB")


if __name__ == "__main__":
    main(__doc__, run, size=10000, size_help="number of registrations", context={"mail_create_nolog": True})
