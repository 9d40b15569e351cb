"""The reports on a large database: what opening each one costs.

Generates, with SQL ``INSERT ... SELECT generate_series`` inside one
transaction (rolled back at the end):

- ``--size`` opportunities (default 300,000) of ``--size / 3`` clients owned
  by 50 advisors in 5 sales teams, over two years: 20 % won (credited to
  the client's owner), 10 % lost with a reason, 1 in 5 about an event;
- 500 events (scaled with the size);
- contact results and activities, 10 of them for 3 opportunities (1,000,000
  at full size): three quarters results (postponed, refused, invitations,
  manuals, sales, other; one in ten an incoming call with its source), one
  quarter activities (one in five still open, a third of those overdue); the
  day, deal, contact type and event of a result are drawn by a hash of its
  number, so the data has no period that would flatter counts kept per
  month;
- the document package (4 documents) of one won deal in two, and a monthly
  plan for every advisor;
- the counts the contacts report and the Schiffman board read (monthly
  counts, one summary per client), as the install computes them.

Then opens each report's pivot grouped by person and month, as a Sales
manager, the way the web client does (``formatted_read_group`` with the
measures of the pivot), and in the same run the same pivot on plain
``crm.lead`` (grouped by salesperson and creation month, count and expected
revenue): the baseline of what a manager already waits for in Odoo. Prints
the median of 3 runs after a warm-up, the SQL queries, and the ratio to the
baseline; then the Schiffman kanban columns, the quiet-prospect query of the
reminder cron and the figures of the printed work report.

    .venv/bin/python tests/benchmarks/bench_reports.py -c .local/odoo.conf -d <db> [--size 300000]
"""

import statistics
import time

from benchlib import main

from odoo.tools import SQL


def measure(env, func, runs=3):
    """Median time and queries of ``func`` over ``runs`` runs after a warm-up."""
    func()
    times, queries = [], []
    for _ in range(runs):
        env.invalidate_all()
        count = env.cr.sql_log_count
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
        queries.append(env.cr.sql_log_count - count)
    return statistics.median(times), max(queries)


def report(label, ours, base):
    (t_ours, q_ours), (t_base, q_base) = ours, base
    print(
        f"{label:<44} {1000 * t_ours:9.1f} ms {q_ours:3d} q | crm.lead {1000 * t_base:8.1f} ms {q_base:3d} q"
        f" | ratio {t_ours / t_base:6.2f}x"
    )


def has_column(env, table, column):
    env.cr.execute(
        SQL("SELECT 1 FROM information_schema.columns WHERE table_name = %s AND column_name = %s", table, column)
    )
    return bool(env.cr.fetchone())


def execute(cr, code, params=None):
    cr.execute(SQL(code, **(params or {})))


def generate(env, size):
    """Bulk data in SQL; the ORM only for the 50 users and 5 teams."""
    cr = env.cr
    ref = env.ref
    company = env.company
    n_clients = max(size // 3, 10)
    n_events = max(size * 500 // 300000, 5)
    n_touches = size * 10 // 3
    n_results = n_touches * 3 // 4
    n_activities = n_touches - n_results
    print(
        f"Generating {size} opportunities, {n_clients} clients, {n_events} events, "
        f"{n_results} contact results, {n_activities} activities ..."
    )
    start = time.perf_counter()
    advisor_group = ref("event_lead_followup.group_event_lead_advisor")
    users = (
        env["res.users"]
        .with_context(no_reset_password=True, mail_create_nolog=True, tracking_disable=True)
        .create(
            [
                {"name": f"Bench advisor {i}", "login": f"bench_advisor_{i}", "group_ids": [(4, advisor_group.id)]}
                for i in range(50)
            ]
        )
    )
    teams = env["crm.team"].create(
        [{"name": f"Bench team {t}", "member_ids": [(6, 0, users[t * 10 : t * 10 + 10].ids)]} for t in range(5)]
    )
    manager = env["res.users"].create(
        {
            "name": "Bench manager",
            "login": "bench_manager",
            "group_ids": [(4, ref("event_lead_followup.group_event_lead_manager").id)],
        }
    )
    env.flush_all()
    params = {
        "users": users.ids,
        "company": company.id,
        "n_clients": n_clients,
        "n_events": n_events,
        "size": size,
        "n_results": n_results,
        "n_activities": n_activities,
        "won_stage": ref("event_lead_followup.crm_stage_won").id,
        "open_stages": [ref(f"event_lead_followup.crm_stage_{s}").id for s in ("need", "negotiation", "contract")],
        "reasons": env["crm.lost.reason"].search([]).ids,
        "postpone_reason": ref("event_lead_followup.postpone_reason_decision").id,
        "types": [ref(x).id for x in ("mail.mail_activity_data_call", "mail.mail_activity_data_meeting")]
        + [ref("mail.mail_activity_data_email").id],
        "sources": env["utm.source"].search([], limit=6).ids,
        "partner_model": env["ir.model"]._get_id("res.partner"),
        "lead_model": env["ir.model"]._get_id("crm.lead"),
        "doc_types": [
            ref(f"event_lead_followup.document_type_{t}").id for t in ("application", "contract", "invoice", "act")
        ],
    }
    # account's "autopost_bills" is NOT NULL where Invoicing is installed
    autopost = has_column(env, "res_partner", "autopost_bills")
    params["autopost"] = SQL(", autopost_bills") if autopost else SQL("")
    params["autopost_value"] = SQL(", 'ask'") if autopost else SQL("")
    execute(
        cr,
        """
        INSERT INTO res_partner (name, complete_name, is_company, active, type, user_id, company_id %(autopost)s)
        SELECT 'Bench client ' || g, 'Bench client ' || g, TRUE, TRUE, 'contact',
               (%(users)s::int[])[1 + g %% 50], %(company)s %(autopost_value)s
          FROM generate_series(1, %(n_clients)s) g
        """,
        params,
    )
    # statistics before the next statements: PostgreSQL plans each foreign-key
    # check once, and a plan made for an "empty" table scans it for every row
    cr.execute("ANALYZE res_partner")
    execute(cr, "UPDATE res_partner SET commercial_partner_id = id WHERE name LIKE 'Bench client %%'")
    execute(
        cr,
        """
        CREATE TEMP TABLE bench_clients ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY id) AS n, id, user_id FROM res_partner WHERE name LIKE 'Bench client %%'
        """,
    )
    execute(
        cr,
        """
        INSERT INTO event_event (name, date_tz, badge_format, seats_limited, date_begin, date_end, user_id,
                                 company_id, active, event_lead_no_interest_mode, event_lead_followup_state)
        SELECT jsonb_build_object('en_US', 'Bench event ' || g), 'Europe/Moscow', 'A6', FALSE,
               now() - (g * 1.4 || ' days')::interval, now() - (g * 1.4 - 2 || ' days')::interval,
               (%(users)s::int[])[1 + g %% 50], %(company)s, TRUE, 'note', 'done'
          FROM generate_series(1, %(n_events)s) g
        """,
        params,
    )
    execute(
        cr,
        """
        CREATE TEMP TABLE bench_events ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY id) AS n, id FROM event_event
         WHERE name->>'en_US' LIKE 'Bench event %%'
        """,
    )
    # opportunities: g %% 10 in (0, 1) won, 2 lost, the rest open
    cr.execute("ANALYZE event_event")
    execute(
        cr,
        """
        INSERT INTO crm_lead (name, type, active, partner_id, event_lead_client_id, user_id, team_id, company_id,
                              stage_id, probability, expected_revenue, won_status, date_closed, lost_reason_id,
                              event_lead_bonus_user_id, event_id, create_date, write_date,
                              event_lead_offer_state, event_lead_budget_state)
        SELECT 'Bench deal ' || g, 'opportunity', g %% 10 <> 2, c.id, c.id,
               (%(users)s::int[])[1 + (g * 7) %% 50], NULL, %(company)s,
               CASE WHEN g %% 10 < 2 THEN %(won_stage)s ELSE (%(open_stages)s::int[])[1 + g %% 3] END,
               CASE WHEN g %% 10 < 2 THEN 100 WHEN g %% 10 = 2 THEN 0 ELSE 20 END,
               1000 * (1 + g %% 997),
               CASE WHEN g %% 10 < 2 THEN 'won' WHEN g %% 10 = 2 THEN 'lost' ELSE 'pending' END,
               CASE WHEN g %% 10 < 2 THEN now() - ((g %% 730) || ' days')::interval END,
               CASE WHEN g %% 10 = 2 THEN (%(reasons)s::int[])[1 + g %% array_length(%(reasons)s::int[], 1)] END,
               CASE WHEN g %% 10 < 2 THEN c.user_id END,
               CASE WHEN g %% 5 = 0 THEN e.id END,
               now() - ((g %% 730) || ' days')::interval, now() - ((g %% 730) || ' days')::interval,
               CASE WHEN g %% 10 < 2 THEN 'chosen' ELSE 'made' END,
               CASE WHEN g %% 10 < 2 THEN 'invoiced' ELSE 'known' END
          FROM generate_series(1, %(size)s) g
          JOIN bench_clients c ON c.n = 1 + g %% %(n_clients)s
          LEFT JOIN bench_events e ON e.n = 1 + g %% %(n_events)s
        """,
        params,
    )
    cr.execute("ANALYZE crm_lead")
    execute(
        cr,
        """
        UPDATE crm_lead l SET team_id = u.sale_team_id
          FROM res_users u WHERE u.id = l.user_id AND l.name LIKE 'Bench deal %%'
        """,
    )
    execute(
        cr,
        """
        CREATE TEMP TABLE bench_leads ON COMMIT DROP AS
        SELECT row_number() OVER (ORDER BY id) AS n, id, event_lead_client_id AS client_id, user_id, won_status
          FROM crm_lead WHERE name LIKE 'Bench deal %%'
        """,
    )
    execute(
        cr,
        """
        INSERT INTO event_lead_contact_result (date, user_id, team_id, commercial_partner_id, lead_id, event_id,
                                               activity_type_id, result_type, direction, source_id, lost_reason_id,
                                               postpone_reason_id, postponed_days, postponement_count, company_id,
                                               create_date, write_date, create_uid, write_uid)
        SELECT (now() - (((hashint4(g) & 2147483647) %% 730) || ' days')::interval)::date, u.id, u.sale_team_id,
               l.client_id,
               CASE WHEN g %% 3 = 0 THEN l.id END,
               CASE WHEN (hashint4(g + 15485863) & 2147483647) %% 5 = 0 THEN e.id END,
               (%(types)s::int[])[1 + (hashint4(g + 104729) & 2147483647) %% 3],
               (ARRAY['postponed', 'refused_participation', 'refused_visit', 'invitation_sent', 'manual_sent',
                      'sale', 'other', 'postponed', 'invitation_sent', 'other'])[1 + g %% 10],
               CASE WHEN g %% 10 = 7 THEN 'incoming' ELSE 'outgoing' END,
               CASE WHEN g %% 10 = 7 THEN (%(sources)s::int[])[1 + g %% 6] END,
               CASE WHEN g %% 10 IN (1, 2) THEN (%(reasons)s::int[])[1 + g %% array_length(%(reasons)s::int[], 1)]
               END,
               CASE WHEN g %% 10 IN (0, 7) THEN %(postpone_reason)s END,
               CASE WHEN g %% 10 IN (0, 7) THEN 1 + g %% 14 ELSE 0 END,
               CASE WHEN g %% 10 IN (0, 7) THEN 1 ELSE 0 END,
               %(company)s, now(), now(), 1, 1
          FROM generate_series(1, %(n_results)s) g
          JOIN bench_leads l ON l.n = 1 + (hashint4(g + 7919) & 2147483647) %% %(size)s
          JOIN res_users u ON u.id = l.user_id
          LEFT JOIN bench_events e ON e.n = 1 + (hashint4(g + 1299709) & 2147483647) %% %(n_events)s
        """,
        params,
    )
    execute(
        cr,
        """
        INSERT INTO mail_activity (res_model_id, res_model, res_id, activity_type_id, user_id, date_deadline, active,
                                   event_lead_event_id, summary, create_date, write_date, create_uid, write_uid)
        SELECT CASE WHEN g %% 2 = 0 THEN %(partner_model)s ELSE %(lead_model)s END,
               CASE WHEN g %% 2 = 0 THEN 'res.partner' ELSE 'crm.lead' END,
               CASE WHEN g %% 2 = 0 THEN l.client_id ELSE l.id END,
               (%(types)s::int[])[1 + g %% 3], l.user_id,
               (now() - ((g %% 60 - 20) || ' days')::interval)::date, g %% 5 = 0,
               CASE WHEN g %% 5 = 0 THEN e.id END, 'Bench follow-up', now(), now(), 1, 1
          FROM generate_series(1, %(n_activities)s) g
          JOIN bench_leads l ON l.n = 1 + (g * 17) %% %(size)s
          LEFT JOIN bench_events e ON e.n = 1 + g %% %(n_events)s
        """,
        params,
    )
    execute(
        cr,
        """
        INSERT INTO event_lead_document (lead_id, document_type_id, sequence, state, responsible_id, user_id,
                                         partner_id, company_id, date_sent, due_date, is_done, create_date, write_date)
        SELECT l.id, t.id, 10, s.state, l.user_id, l.user_id, l.client_id, %(company)s,
               CASE WHEN s.state IN ('sent', 'scan', 'original') THEN (now() - ((l.n %% 90) || ' days')::interval)::date
               END,
               (now() - ((l.n %% 90 - 30) || ' days')::interval)::date,
               s.state = 'original', now(), now()
          FROM bench_leads l
          CROSS JOIN unnest(%(doc_types)s::int[]) WITH ORDINALITY AS t(id, k)
          CROSS JOIN LATERAL (SELECT (ARRAY['to_prepare', 'sent', 'scan', 'original'])[1 + (l.n + t.k) %% 4]
                              AS state) s
         WHERE l.won_status = 'won' AND l.n %% 2 = 0
        """,
        params,
    )
    execute(
        cr,
        """
        INSERT INTO event_lead_sales_plan (user_id, team_id, year, month, date, amount, company_id)
        SELECT u.id, u.sale_team_id, EXTRACT(YEAR FROM m)::int, EXTRACT(MONTH FROM m)::int::text, m::date,
               5000000, %(company)s
          FROM res_users u
         CROSS JOIN generate_series(date_trunc('month', now()) - interval '23 months', date_trunc('month', now()),
                                    interval '1 month') m
         WHERE u.id = ANY(%(users)s)
        """,
        params,
    )
    for table in (
        "res_partner",
        "crm_lead",
        "event_event",
        "event_lead_contact_result",
        "mail_activity",
        "event_lead_document",
        "event_lead_sales_plan",
    ):
        cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))
    env.invalidate_all()
    print(f"  generated in {time.perf_counter() - start:.1f} s")
    # the ORM keeps the reports' counts up to date as results are recorded;
    # the history inserted in SQL above is counted once, as at install
    start = time.perf_counter()
    env["event.lead.contact.month"]._rebuild()
    env["event.lead.contact.client"]._refresh()
    cr.execute(SQL("SELECT COUNT(*) FROM event_lead_contact_month"))
    months = cr.fetchone()[0]
    print(
        f"  counted in {time.perf_counter() - start:.1f} s: {months} monthly rows for {n_results} results, "
        f"{n_clients} client summaries"
    )
    # each client's deals, summed up on the client by the ORM as its deals
    # change (res.partner._compute_event_lead_deals): the deals inserted in
    # SQL above are summed up once, by that same compute, as at install
    start = time.perf_counter()
    Partner = env["res.partner"]
    cr.execute(SQL("SELECT id FROM bench_clients"))
    clients = Partner.browse([row[0] for row in cr.fetchall()])
    for field in env.registry.field_computed[Partner._fields["event_lead_rating"]]:
        env.add_to_compute(field, clients)
    env.flush_all()
    print(f"  deals summed up on {len(clients)} clients in {time.perf_counter() - start:.1f} s")
    return manager, teams


REPORTS = [
    (
        "Contacts per person (held, by month)",
        "event.lead.contact.report",
        ["contact_count:sum", "positive_count:sum", "effectiveness:avg", "postponement_count:sum", "overdue_count:sum"],
    ),
    ("Refusal reasons", "event.lead.refusal.report", ["refusal_count:sum", "lost_revenue:sum"]),
    (
        "Planned vs actual",
        "event.lead.plan.report",
        ["planned_amount:sum", "actual_amount:sum", "achievement:avg"],
    ),
    ("Bonus per owner", "event.lead.bonus.report", ["credited_revenue:sum", "closed_revenue:sum"]),
    ("Schiffman board (last touch)", "event.lead.schiffman.report", ["client_count:sum", "open_revenue:sum"]),
    ("Incoming calls by source", "event.lead.call.report", ["call_count:sum"]),
]


def run(env, size):
    manager, teams = generate(env, size)
    menv = env(user=manager.id, su=False)
    Lead = menv["crm.lead"]

    def baseline():
        return Lead.formatted_read_group([], ["user_id", "create_date:month"], ["__count", "expected_revenue:sum"])

    base = measure(menv, baseline)
    print(f"\nPivots grouped by person and month, as a Sales manager ({len(baseline())} groups on crm.lead)")
    for label, model, measures in REPORTS:
        Model = menv[model]

        def pivot(Model=Model, measures=measures):
            return Model.formatted_read_group([], ["user_id", "date:month"], measures)

        report(label, measure(menv, pivot), base)
    Document = menv["event.lead.document.report"]
    report(
        "Document package (responsible, due month)",
        measure(
            menv,
            lambda: Document.formatted_read_group(
                [("deal_status", "!=", "lost")],
                ["responsible_id", "due_date:month"],
                ["missing_count:sum", "overdue_count:sum", "original_overdue_count:sum"],
            ),
        ),
        base,
    )

    print("\nOther screens and jobs")
    Schiffman = menv["event.lead.schiffman.report"].with_context(read_group_expand=True)
    report(
        "Schiffman kanban: the six columns",
        measure(menv, lambda: Schiffman.formatted_read_group([], ["stage"], ["__count"])),
        base,
    )
    Contact = menv["event.lead.contact.report"]
    report(
        "Contacts per person by week (every result)",
        measure(
            menv,
            lambda: Contact.formatted_read_group([], ["user_id", "date:week"], REPORTS[0][2]),
        ),
        base,
    )
    report(
        "Overdue follow-ups per person (today)",
        measure(
            menv,
            lambda: Contact.formatted_read_group([("overdue_count", ">", 0)], ["user_id"], ["overdue_count:sum"]),
        ),
        base,
    )
    Reminder = env["event.lead.schiffman.reminder"]
    quiet = Reminder._quiet_prospects()
    report("Reminder cron: quiet prospects to remind", measure(env, Reminder._quiet_prospects), base)
    print(f"  quiet prospects: {len(quiet)}")
    today = env.cr.now().date()
    wizard = (
        menv["event.lead.manager.report.wizard"]
        .create({"date_from": today.replace(day=1), "date_to": today, "team_id": teams[0].id})
        .sudo(False)
    )
    report("Printed work report: figures of one team", measure(menv, wizard._report_data), base)


if __name__ == "__main__":
    main(
        __doc__,
        run,
        size=300000,
        size_help="number of opportunities",
        addon="event_lead_reports",
        context={"mail_create_nolog": True, "tracking_disable": True},
    )
