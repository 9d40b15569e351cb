"""Base classes of the cross-addon scenarios run by pytest-odoo.

Odoo tags the test classes of addons (``odoo.addons.<addon>.tests``) itself;
the classes of this folder are outside ``odoo.addons``, so they state their
tags and module here.
"""

from odoo.tests import HttpCase, TransactionCase


class ScenarioCase(TransactionCase):
    test_tags = frozenset({"standard", "post_install"})
    test_module = "event_leads_scenarios"


class ScenarioHttpCase(HttpCase):
    test_tags = frozenset({"standard", "post_install"})
    test_module = "event_leads_scenarios"
