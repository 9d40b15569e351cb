import base64
import io

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .funnel_common import EventFunnelCommon

CSV = """ФИО;Email;Телефон;Компания;Должность;Пришёл
Иван Новиков;ivan@novaya.example;+7 495 111-22-33;ООО «Новая»;ИТ-директор;да
Олег Петров;OLEG@toyota.ru;;;;нет
;;;;;
Без Почты;ivan@;;;;да
Пётр Сидоров;petr.sidorov@corp.example;;Toyota;Менеджер;нет
Мария Иванова;maria@x.example;;;;может быть
Иван Дубль;ivan@novaya.example;;;;нет
Уже Был;already@registered.example;;;;да
"""


@tagged("post_install", "-at_install")
class TestRegistrationImport(EventFunnelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        # Boris's client and its contact: an imported participant may be him
        cls.toyota = Partner.create(
            {"name": "Тойота (Toyota)", "is_company": True, "user_id": cls.user_advisor2.id, "email": "info@toyota.ru"}
        )
        cls.oleg = Partner.create({"name": "Олег Петров", "parent_id": cls.toyota.id, "email": "oleg@toyota.ru"})
        cls.already = Partner.create({"name": "Уже Был", "email": "already@registered.example"})
        cls._register(cls.already)

    def _import(self, content, file_name="participants.csv", user=None, event=None):
        wizard = (
            self.env["event.lead.registration.import"]
            .with_user(user or self.user_operator)
            .create(
                {
                    "event_id": (event or self.event).id,
                    "file": base64.b64encode(content),
                    "file_name": file_name,
                }
            )
        )
        wizard.action_import()
        return wizard

    def test_good_rows_kept_bad_rows_reported(self):
        partners_before = self.env["res.partner"].search_count([])
        wizard = self._import(CSV.encode())
        lines = {line.row: line for line in wizard.line_ids}
        # the empty line is dropped by the parser: rows count the non-empty lines
        self.assertEqual(
            {row: line.status for row, line in lines.items()},
            {2: "created", 3: "linked", 4: "error", 5: "created", 6: "error", 7: "error", 8: "skipped"},
        )
        self.assertIn("invalid e-mail", lines[4].reason)
        self.assertIn("unclear attendance", lines[6].reason)
        self.assertIn("same e-mail as row 2", lines[7].reason)
        self.assertIn("already registered", lines[8].reason)
        self.assertEqual(
            (wizard.created_count, wizard.linked_count, wizard.skipped_count, wizard.error_count), (2, 1, 1, 3)
        )
        registrations = wizard.line_ids.registration_id
        self.assertEqual(len(registrations), 3)
        self.assertEqual(set(registrations.mapped("event_id").ids), {self.event.id})
        # Oleg is Boris's client's contact: linked, not duplicated, and still Boris's
        oleg_registration = lines[3].registration_id
        self.assertEqual(oleg_registration.partner_id, self.oleg)
        self.assertEqual(self.toyota.user_id, self.user_advisor2)
        # a new colleague at Toyota (matched by its alias) is created under it
        petr = lines[5].partner_id
        self.assertEqual(petr.parent_id, self.toyota)
        self.assertEqual(petr.function, "Менеджер")
        # Ivan comes with a new company; he attended
        ivan = lines[2].registration_id
        self.assertEqual(ivan.partner_id.parent_id.name, "ООО «Новая»")
        self.assertEqual(ivan.state, "done")
        self.assertEqual(oleg_registration.state, "open")
        self.assertEqual(self.env["res.partner"].search_count([]), partners_before + 3, "Ivan, his company, Petr")

    def test_rejected_rows_do_not_stop_the_others(self):
        """A row the database refuses (here: the event is full) is reported;
        the rows before and after it are kept."""
        full = self._event("Малый зал", operators=self.user_operator, seats_limited=True, seats_max=2)
        content = "Name,Email,Attended\nA One,a1@x.example,yes\nB Two,b2@x.example,yes\nC Three,c3@x.example,yes\n"
        with mute_logger("odoo.addons.event_lead_followup.wizards.event_lead_registration_import"):
            wizard = self._import(content.encode(), event=full)
        self.assertEqual(sorted(wizard.line_ids.mapped("status")), ["created", "created", "error"])
        self.assertEqual(self.env["event.registration"].search_count([("event_id", "=", full.id)]), 2)
        self.assertIn("seats", wizard.line_ids.filtered(lambda line: line.status == "error").reason.lower())

    def test_excel_file(self):
        import openpyxl

        book = openpyxl.Workbook()
        sheet = book.active
        sheet.append(["Last name", "First name", "E-mail", "Company", "INN"])
        sheet.append(["Смирнова", "Анна", "anna@smirnova.example", "АО «Смирнов и партнёры»", "7707083893"])
        sheet.append(["", "", "", "Только компания", ""])
        stream = io.BytesIO()
        book.save(stream)
        wizard = self._import(stream.getvalue(), file_name="participants.xlsx")
        self.assertEqual(wizard.line_ids.mapped("status"), ["created", "error"])
        anna = wizard.line_ids.filtered(lambda line: line.status == "created").partner_id
        self.assertEqual((anna.firstname, anna.lastname), ("Анна", "Смирнова"))
        self.assertEqual(anna.parent_id.vat, "7707083893")

    def test_odoo_importer_rolls_everything_back(self):
        """Why the wizard: Odoo's own import keeps nothing when one row fails."""
        result = self.env["event.registration"].load(
            ["event_id/.id", "name", "email", "state"],
            [[str(self.event.id), "Good Row", "good@x.example", "open"], [str(self.event.id), "Bad Row", "", "maybe"]],
        )
        self.assertFalse(result["ids"])
        self.assertFalse(self.env["event.registration"].search([("name", "=", "Good Row")]))

    def test_nul_bytes_and_formulas_are_rejected_per_row(self):
        content = (
            "ФИО;Email;Телефон;Компания\n"
            "Анна Честная;anna@honest.example;+7 (495) 111-22-44;ООО «Честная»\n"
            "Злой Умысел;evil@x.example;;=2+5*cmd|calc!A0\n"
            "Ноль Байт;nul@x.example;;ООО \x00Ноль\n"
            "Собака;dog@x.example;;@SUM(A1:A9)\n"
            "Минус;minus@x.example;-2+3;\n"
        ).encode()
        wizard = self._import(content)
        lines = {line.row: line for line in wizard.line_ids}
        self.assertEqual(
            {row: line.status for row, line in lines.items()},
            {2: "created", 3: "error", 4: "error", 5: "error", 6: "error"},
        )
        self.assertIn("would run as a spreadsheet formula", lines[3].reason)
        self.assertIn("NUL character", lines[4].reason)
        self.assertIn("formula", lines[5].reason)
        self.assertIn("formula", lines[6].reason)
        self.assertIn(
            "4951112244", lines[2].registration_id.phone.replace(" ", ""), "a phone starting with + is a phone"
        )

    def test_file_above_the_size_limit_is_refused_before_reading(self):
        self.env["ir.config_parameter"].sudo().set_param("event_lead_followup.import_max_mb", 1)
        big = b"Name;Email\n" + b"x" * (1024 * 1024 + 10)
        with self.assertRaisesRegex(UserError, "above the limit of 1 MB"):
            self._import(big)
        self.assertFalse(self.env["event.registration"].search([("email", "like", "x@")]))
