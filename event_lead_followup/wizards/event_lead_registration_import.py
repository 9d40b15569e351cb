import base64
import logging
import re

import psycopg2

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import email_normalize

_logger = logging.getLogger(__name__)

# column titles understood in the file (lower case, English and Russian)
COLUMNS = {
    "name": ("name", "full name", "participant", "attendee", "фио", "участник", "имя и фамилия", "ф.и.о."),
    "firstname": ("first name", "firstname", "given name", "имя"),
    "lastname": ("last name", "lastname", "surname", "family name", "фамилия"),
    "email": ("email", "e-mail", "email address", "mail", "почта", "эл. почта", "электронная почта", "e-mail адрес"),
    "phone": ("phone", "mobile", "telephone", "телефон", "мобильный"),
    "company_name": ("company", "company name", "organization", "organisation", "компания", "организация"),
    "function": ("job position", "position", "job title", "function", "должность"),
    "vat": ("inn", "vat", "tax id", "инн"),
    "attended": ("attended", "came", "present", "пришел", "пришёл", "посетил", "присутствовал", "был"),
}
YES = {"1", "yes", "y", "true", "x", "да", "д", "+", "пришел", "пришёл", "был"}
NO = {"", "0", "no", "n", "false", "нет", "н", "-"}
# rows created together; a failing chunk is retried row by row
CHUNK_SIZE = 200
# the largest file read, in MB, unless Settings say otherwise
MAX_FILE_MB = 20
# what a spreadsheet would run as a formula when the cell is opened again
FORMULA_STARTS = ("=", "+", "-", "@")
PHONE_RE = re.compile(r"\+?[\d\s().-]+")


class EventLeadRegistrationImport(models.TransientModel):
    """Import the participants of an event from a CSV or Excel file.

    Odoo's importer rolls the whole file back when one row fails; this one
    keeps every good row and reports each bad one with its row number and
    reason. Participants go through the duplicate guard's lookup: an existing
    contact (same e-mail or phone) is linked, a new one is created under the
    existing client (same company name, INN or e-mail domain) or under a new
    company; nobody's client is duplicated, whoever owns it.
    """

    _name = "event.lead.registration.import"
    _description = "Import event participants"

    event_id = fields.Many2one("event.event", required=True)
    file = fields.Binary(required=True, help="CSV, XLS, XLSX or ODS; the first row holds the column titles.")
    file_name = fields.Char()
    state = fields.Selection([("draft", "To import"), ("done", "Imported")], default="draft", required=True)
    line_ids = fields.One2many("event.lead.registration.import.line", "import_id", string="Rows")
    created_count = fields.Integer(string="New contacts", compute="_compute_counts")
    linked_count = fields.Integer(string="Existing contacts", compute="_compute_counts")
    skipped_count = fields.Integer(string="Skipped", compute="_compute_counts")
    error_count = fields.Integer(string="Rejected", compute="_compute_counts")

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.created_count = statuses.count("created")
            wizard.linked_count = statuses.count("linked")
            wizard.skipped_count = statuses.count("skipped")
            wizard.error_count = statuses.count("error")

    # ------------------------------------------------------------------
    # reading the file
    # ------------------------------------------------------------------

    def _check_file_size(self):
        """Refuse a file above the size limit before reading it
        (``event_lead_followup.import_max_mb``, Settings)."""
        limit = int(
            # sudo: read a technical setting
            self.env["ir.config_parameter"].sudo().get_param("event_lead_followup.import_max_mb") or MAX_FILE_MB
        )
        size = len(self.file or b"") * 3 // 4  # the file is held in base64
        if size > limit * 1024 * 1024:
            raise UserError(
                self.env._(
                    "The file is %(size)s MB, above the limit of %(limit)s MB: split it, or ask an administrator "
                    "to raise the limit in Settings.",
                    size=round(size / 1024 / 1024, 1),
                    limit=limit,
                )
            )

    def _read_rows(self):
        """[(row number, {column: text})] read with Odoo's own file parsers (base_import)."""
        self.ensure_one()
        self._check_file_size()
        content = base64.b64decode(self.file or b"")
        reader = self.env["base_import.import"].create(
            {"res_model": "event.registration", "file": content, "file_name": self.file_name or "participants.csv"}
        )
        options = {"quoting": '"', "separator": "", "encoding": "", "has_headers": True}
        try:
            _length, rows = reader._read_file(options)
        except (ValueError, UnicodeDecodeError) as error:
            raise UserError(self.env._("The file cannot be read: %(error)s", error=error)) from error
        rows = list(rows)
        if len(rows) < 2:
            raise UserError(self.env._("The file has no participant: the first row holds the column titles."))
        headers = [str(title or "").strip().lower() for title in rows[0]]
        mapping = {}
        for index, title in enumerate(headers):
            for column, titles in COLUMNS.items():
                if title in titles and column not in mapping.values():
                    mapping[index] = column
        if not {"name", "firstname", "lastname", "email"} & set(mapping.values()):
            raise UserError(
                self.env._(
                    "No column of names or e-mails found. Expected titles include: Name, First name, "
                    "Last name, Email, Phone, Company, Job position, INN, Attended (or their Russian titles)."
                )
            )
        result = []
        # base_import drops empty lines: row numbers are those of the non-empty rows, titles being row 1
        for number, row in enumerate(rows[1:], start=2):
            values = {column: str(row[index]).strip() if index < len(row) else "" for index, column in mapping.items()}
            result.append((number, values))
        return result

    def _check_row(self, values):
        """The participant of one row, or raise a ValueError with the reason."""
        for column, value in values.items():
            if "\x00" in value:
                raise ValueError(self.env._("a NUL character in the column %(column)s", column=column))
            if (
                column != "attended"
                and value.startswith(FORMULA_STARTS)
                and not (column == "phone" and PHONE_RE.fullmatch(value))
            ):
                raise ValueError(
                    self.env._(
                        "“%(value)s” in the column %(column)s would run as a spreadsheet formula",
                        value=value[:40],
                        column=column,
                    )
                )
        name = values.get("name") or " ".join(filter(None, [values.get("firstname"), values.get("lastname")]))
        email = values.get("email") or ""
        if not name and not email:
            raise ValueError(self.env._("no name and no e-mail"))
        if email and not email_normalize(email):
            raise ValueError(self.env._("invalid e-mail “%(email)s”", email=email))
        attended = (values.get("attended") or "").strip().lower()
        if attended not in YES | NO:
            raise ValueError(self.env._("unclear attendance “%(value)s” (use yes or no)", value=values["attended"]))
        row = {
            "name": values.get("name") or False,
            "firstname": values.get("firstname") or False,
            "lastname": values.get("lastname") or False,
            "email": email_normalize(email) or False,
            "phone": values.get("phone") or False,
            "company_name": values.get("company_name") or False,
            "function": values.get("function") or False,
            "vat": values.get("vat") or False,
            "attended": attended in YES,
        }
        row["display"] = name or email
        return row

    # ------------------------------------------------------------------
    # importing
    # ------------------------------------------------------------------

    def action_import(self):
        self.ensure_one()
        self.event_id.check_access("read")
        self.event_id._event_lead_check_user_works_on()
        self.env["event.registration"].check_access("create")
        lines, good = [], []
        seen = {}
        for number, values in self._read_rows():
            try:
                row = self._check_row(values)
            except ValueError as error:
                lines.append({"row": number, "status": "error", "reason": str(error), "name": self._raw_name(values)})
                continue
            if row["email"] and row["email"] in seen:
                lines.append(
                    {
                        "row": number,
                        "status": "error",
                        "name": row["display"],
                        "reason": self.env._("same e-mail as row %(row)s", row=seen[row["email"]]),
                    }
                )
                continue
            if row["email"]:
                seen[row["email"]] = number
            good.append((number, row))
        for start in range(0, len(good), CHUNK_SIZE):
            chunk = good[start : start + CHUNK_SIZE]
            try:
                with self.env.cr.savepoint():
                    lines += self._import_rows(chunk)
            except (UserError, ValidationError, AccessError, psycopg2.Error) as error:
                _logger.info("participant import: a chunk failed (%s), retrying row by row", error)
                for number, row in chunk:
                    try:
                        with self.env.cr.savepoint():
                            lines += self._import_rows([(number, row)])
                    except (UserError, ValidationError, AccessError, psycopg2.Error) as row_error:
                        reason = row_error.args[0] if row_error.args else row_error
                        lines.append({"row": number, "status": "error", "name": row["display"], "reason": str(reason)})
        self.write({"line_ids": [Command.clear()] + [Command.create(line) for line in lines], "state": "done"})
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "name": self.env._("Import participants"),
        }

    @api.model
    def _raw_name(self, values):
        return (
            values.get("name")
            or " ".join(filter(None, [values.get("firstname"), values.get("lastname")]))
            or values.get("email")
            or ""
        )

    def _import_rows(self, chunk):
        """Create the registrations of ``chunk`` [(row number, row)]: contacts
        found or made in one batch, registrations made by one ``create``."""
        Registration = self.env["event.registration"].with_context(event_lead_rule_skip=True)
        created = set()
        partners = self.env["event.lead.duplicate.guard"]._match_participants(
            [row for _number, row in chunk], created=created
        )
        registered = set(
            # sudo: who is registered already, whoever registered them
            Registration.sudo()
            .search([("event_id", "=", self.event_id.id), ("partner_id", "in", [partner.id for partner in partners])])
            .mapped("partner_id")
            .ids
        )
        lines, vals_list, line_of_vals = [], [], []
        for index, ((number, row), partner) in enumerate(zip(chunk, partners, strict=True)):
            if partner.id in registered:
                lines.append(
                    {
                        "row": number,
                        "status": "skipped",
                        "name": row["display"],
                        "partner_id": partner.id,
                        "reason": self.env._("already registered for this event"),
                    }
                )
                continue
            registered.add(partner.id)
            vals_list.append(
                {
                    "event_id": self.event_id.id,
                    "partner_id": partner.id,
                    "name": row["display"],
                    "email": row["email"] or partner.email or False,
                    "phone": row["phone"] or partner.phone or False,
                    "company_name": row["company_name"] or partner.commercial_company_name or False,
                    "state": "done" if row["attended"] else "open",
                }
            )
            line_of_vals.append(
                {
                    "row": number,
                    "status": "created" if index in created else "linked",
                    "name": row["display"],
                    "partner_id": partner.id,
                    "reason": self.env._("new contact") if index in created else self.env._("existing contact linked"),
                }
            )
        registrations = Registration.create(vals_list) if vals_list else Registration
        for line, registration in zip(line_of_vals, registrations, strict=True):
            line["registration_id"] = registration.id
        return lines + line_of_vals

    def action_open_registrations(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("event_lead_followup.event_registration_action_funnel")
        action["domain"] = [("id", "in", self.line_ids.registration_id.ids)]
        action["context"] = {}
        return action
