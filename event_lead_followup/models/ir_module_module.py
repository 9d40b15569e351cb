import html

from odoo import api, models
from odoo.tools import SQL

# selection fields of mail's activity mixin: each model that inherits the mixin
# gets its own copy of their values, which Odoo's catalogues translate for some
# models only (res.partner, mail.activity) and leave English on the others
# (crm.lead, event.registration, our digests and requests...)
ACTIVITY_SELECTIONS = ("activity_state", "activity_exception_decoration")


class IrModuleModule(models.Model):
    _inherit = "ir.module.module"

    def _load_module_terms(self, modules, langs, overwrite=False):
        """Whenever Odoo loads translations (install, upgrade, a language
        added), fill the gaps its catalogues leave on our screens."""
        result = super()._load_module_terms(modules, langs, overwrite=overwrite)
        self._event_lead_fill_translation_gaps(langs)
        return result

    @api.model
    def _event_lead_translation_gaps(self, env):
        """{xml id: {field, text in the language of ``env``}}: words of Odoo
        and of the OCA modules we use that their catalogues leave untranslated
        on the screens our users work in (the Russian is in our ru.po)."""
        # (one dict per word: a tuple right after a translated string would
        # mislead the extraction of the strings to translate)
        return {
            # the company/person switch of the client card
            "base.selection__res_partner__company_type__person": {"field": "name", "text": env._("Person")},
            # the tax id of a Russian company: ИНН, not "Налоговый ID"
            "base.ru": {"field": "vat_label", "text": env._("INN")},
            # partner_firstname (no Russian catalogue)
            "partner_firstname.field_res_partner__firstname": {
                "field": "field_description",
                "text": env._("First name"),
            },
            "partner_firstname.field_res_partner__lastname": {"field": "field_description", "text": env._("Last name")},
            "partner_firstname.field_res_users__firstname": {"field": "field_description", "text": env._("First name")},
            "partner_firstname.field_res_users__lastname": {"field": "field_description", "text": env._("Last name")},
            # crm_stage_probability (no Russian catalogue): the deal statuses
            "crm_stage_probability.field_crm_stage__probability": {
                "field": "field_description",
                "text": env._("Probability (%)"),
            },
            "crm_stage_probability.field_crm_lead__stage_probability": {
                "field": "field_description",
                "text": env._("Probability (%)"),
            },
            "crm_stage_probability.field_crm_stage__on_change": {
                "field": "field_description",
                "text": env._("Change Probability Automatically"),
            },
        }

    @api.model
    def _event_lead_view_term_gaps(self, env):
        """{view xml id: {English term: text in the language of ``env``}}:
        terms of Odoo's views on our screens its catalogues leave English."""
        return {
            # the event form (Odoo 19's new slots)
            "event.view_event_form": {
                "Multiple Slots": env._("Multiple Slots"),
                "Notes & Documents": env._("Notes & Documents"),
            },
        }

    @api.model
    def _event_lead_fill_view_terms(self, lang):
        english = self._event_lead_view_term_gaps(self.with_context(lang="en_US").env)
        texts = self._event_lead_view_term_gaps(self.with_context(lang=lang).env)
        for xmlid, terms in texts.items():
            view = self.env.ref(xmlid, raise_if_not_found=False)
            if not view:
                continue
            # sudo: installing a language fills Odoo's view terms it leaves untranslated
            view = view.sudo()
            translations, _context = view.get_field_translations("arch_db", [lang])
            untranslated = {html.unescape(t["source"]): t["source"] for t in translations if not t["value"]}
            values = {
                untranslated[term]: text
                for term, text in terms.items()
                if term in untranslated and text != english[xmlid][term]
            }
            if values:
                view.update_field_translations("arch_db", {lang: values})

    @api.model
    def _event_lead_fill_translation_gaps(self, langs):
        """Give the words of ``_event_lead_translation_gaps`` and the activity
        states their translation in ``langs``, where Odoo has none. A
        translation Odoo (or an administrator) already has is kept."""
        installed = {code for code, _name in self.env["res.lang"].get_installed()}
        langs = [lang for lang in langs or () if lang in installed and lang != "en_US"]
        if not langs:
            return
        english = self._event_lead_translation_gaps(self.with_context(lang="en_US").env)
        for lang in langs:
            texts = self._event_lead_translation_gaps(self.with_context(lang=lang).env)
            for xmlid, gap in texts.items():
                field, text = gap["field"], gap["text"]
                record = self.env.ref(xmlid, raise_if_not_found=False)
                source = english[xmlid]["text"]
                if not record or text == source:
                    continue  # a module not installed, or no translation of ours
                stored = self._event_lead_stored_translations(record, field)
                if stored.get(lang):
                    continue
                values = {lang: text}
                if not stored.get("en_US"):
                    values["en_US"] = source  # an empty label (vat_label of Russia): ours in English too
                # sudo: installing a language fills the field labels Odoo leaves untranslated
                record.sudo().update_field_translations(field, values)
            self._event_lead_fill_activity_states(lang)
            self._event_lead_fill_view_terms(lang)
        # field strings and selections ("stable"), the partner form with its tax id label ("templates")
        self.env.registry.clear_cache("stable", "templates")

    @api.model
    def _event_lead_stored_translations(self, record, field):
        """{language: value} of a translated field as stored (no fallback to English)."""
        record.flush_recordset([field])
        rows = self.env.execute_query(
            SQL("SELECT %s FROM %s WHERE id = %s", SQL.identifier(field), SQL.identifier(record._table), record.id)
        )
        return (rows and rows[0][0]) or {}

    @api.model
    def _event_lead_fill_activity_states(self, lang):
        """The activity states (Overdue, Today, Planned...) of every model get
        the translation Odoo gives them on the models it translates. One query
        for all of them, one update per gap."""
        # sudo: installing a language fills the selection labels Odoo leaves untranslated
        Selection = self.env["ir.model.fields.selection"].sudo()
        Selection.flush_model(["name", "value", "field_id"])
        rows = self.env.execute_query(
            SQL(
                """SELECT s.id, f.name, s.value, s.name
                     FROM ir_model_fields_selection s
                     JOIN ir_model_fields f ON f.id = s.field_id
                    WHERE f.name IN %s""",
                ACTIVITY_SELECTIONS,
            )
        )
        known = {}
        for _id, field, value, names in rows:
            if (names or {}).get(lang):
                known.setdefault((field, value), names[lang])
        for selection_id, field, value, names in rows:
            text = known.get((field, value))
            if text and not (names or {}).get(lang):
                Selection.browse(selection_id).update_field_translations("name", {lang: text})
