import shutil
import subprocess

from odoo.tests import Form, HttpCase, tagged

from .common import MARCH, EventLeadReportsCommon


@tagged("post_install", "-at_install")
class TestManagerReportPdf(EventLeadReportsCommon):
    def _wizard(self, user, team=None):
        form = Form(self.env["event.lead.manager.report.wizard"].with_user(user))
        form.date_from = MARCH
        form.date_to = MARCH.replace(day=31)
        if team:
            form.team_id = team
        return form.save()

    def test_team_report_figures(self):
        wizard = self._wizard(self.user_manager, self.team_events)
        self.assertEqual(wizard.user_ids, self.user_manager | self.user_advisor | self.user_operator)
        data = wizard._report_data()
        [anna] = data["lines"]
        self.assertEqual(anna["user"], self.user_advisor)
        self.assertEqual(
            {key: anna[key] for key in ("contact_count", "positive_count", "effectiveness", "postponement_count")},
            {"contact_count": 6, "positive_count": 2, "effectiveness": 33.33, "postponement_count": 2},
        )
        self.assertEqual((anna["planned_amount"], anna["actual_amount"], anna["achievement"]), (300000, 120000, 40))
        self.assertEqual((anna["overdue_count"], anna["credited_revenue"]), (1, 120000))
        self.assertEqual(
            [(row["type"], row["contact_count"]) for row in anna["types"]], [(self.call, 5), (self.meeting, 1)]
        )
        self.assertEqual(anna["clients"], [{"client": self.alfa, "postponement_count": 2, "postponed_days": 12}])

    def test_department_totals(self):
        data = self._wizard(self.user_manager)._report_data()
        names = [line["user"].name for line in data["lines"]]
        self.assertIn("Anna Advisor", names)
        self.assertIn("Boris Advisor", names)
        total = data["totals"]
        self.assertEqual((total["contact_count"], total["positive_count"], total["effectiveness"]), (8, 3, 37.5))

    def test_advisor_prints_only_their_own(self):
        wizard = self._wizard(self.user_advisor2)
        self.assertEqual(wizard.user_ids, self.user_advisor2)
        wizard.user_ids = self.user_advisor | self.user_advisor2
        data = wizard._report_data()
        self.assertEqual(
            [line["user"] for line in data["lines"]], [self.user_advisor2], "rules keep Anna's figures out"
        )

    def test_pdf_in_the_users_language(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.env["ir.module.module"]._load_module_terms(["event_lead_reports"], ["ru_RU"], overwrite=True)
        self.user_manager.lang = "ru_RU"
        wizard = self._wizard(self.user_manager, self.team_events)
        report = self.env.ref("event_lead_reports.event_lead_manager_report_action").with_user(self.user_manager)
        html = report.with_context(lang="ru_RU")._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertIn("Отчёт о работе отдела продаж", html)
        self.assertIn("Anna Advisor", html)
        self.assertIn("33,3", html, "Russian decimal comma")
        self.user_manager.lang = "en_US"
        html = report.with_context(lang="en_US")._render_qweb_html(report.report_name, wizard.ids)[0].decode()
        self.assertIn("Sales work report", html)
        self.assertIn("33.3", html)


@tagged("post_install", "-at_install")
class TestManagerReportPrinted(HttpCase, EventLeadReportsCommon):
    """The work report as a Russian sales manager prints it: a real PDF
    (wkhtmltopdf, served by the test server), read back with pdftotext."""

    def test_printed_report_holds_each_persons_figures(self):
        missing = [tool for tool in ("wkhtmltopdf", "pdftotext") if not shutil.which(tool)]
        if missing:
            self.skipTest(
                f"{' and '.join(missing)} not installed: setup/lib.sh installs them (Debian packages "
                "wkhtmltopdf and poppler-utils), so the test suite of setup/test.sh prints for real"
            )
        self._russian_reader(self.user_manager, modules=("event_lead_reports",))
        form = Form(self.env["event.lead.manager.report.wizard"].with_user(self.user_manager))
        form.date_from = MARCH
        form.date_to = MARCH.replace(day=31)
        form.team_id = self.team_events
        wizard = form.save()
        report = (
            self.env.ref("event_lead_reports.event_lead_manager_report_action")
            .with_user(self.user_manager)
            .with_context(lang="ru_RU", force_report_rendering=True)
        )
        pdf, kind = report._render_qweb_pdf(report.report_name, wizard.ids)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"), "wkhtmltopdf made a PDF, not the HTML fallback")
        text = subprocess.run(["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True).stdout
        text = " ".join(text.decode().split())  # one line, single spaces
        self.assertIn("Отчёт о работе отдела продаж", text)
        # Anna's page: 6 contacts held, 2 positive, 33.3 % effective, 2 postponements
        anna = text[text.index("Anna Advisor", text.index("Отчёт")) :]
        self.assertRegex(anna, r"Состоявшиеся контакты 6 Положительные результаты 2")
        self.assertRegex(anna, r"Эффективность 33,3 % Отказы \d+")
        self.assertRegex(anna, r"Переносы \(дней\) 2 \(12\)")
        # plan 300 000, won 120 000 (40 %), in the company's currency, Russian digit grouping
        self.assertRegex(anna, r"Плановая выручка \S* ?300[\s\u00a0]000,00")
        self.assertRegex(anna, r"Факт \(выиграно, засчитано\) \S* ?120[\s\u00a0]000,00 Выполнение плана 40,0 %")
        self.assertRegex(anna, r"ООО «Альфа» 2 12")
