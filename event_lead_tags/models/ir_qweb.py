from lxml import etree

from odoo import models


class QwebCompileCache(dict):
    """Compiled QWeb templates of one batch rendering, carried in the
    context (hashable by identity, as context values must be)."""

    __hash__ = object.__hash__


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    def _compile(self, template):
        """Odoo renders a mail template's body by compiling its QWeb source
        again for every record. When a campaign renders thousands of letters
        it passes a ``QwebCompileCache``: the same source, in the same
        compilation context, is then compiled once per batch."""
        cache = self.env.context.get("event_lead_qweb_cache")
        if not isinstance(cache, QwebCompileCache) or not isinstance(template, etree._Element):
            return super()._compile(template)
        key = (
            etree.tostring(template),
            tuple(self.env.context.get(name) or False for name in self._get_template_cache_keys()),
        )
        if key not in cache:
            cache[key] = super()._compile(template)
        return cache[key]
