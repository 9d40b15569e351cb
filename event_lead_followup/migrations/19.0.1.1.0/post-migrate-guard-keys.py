"""19.0.1.1.0: the duplicate guard's keys changed (names in their own script
and in Latin, INN/OGRN validated, phones through phonenumbers, registered
domains, weak keys). Every partner is re-indexed during the upgrade, so that
the upgraded database blocks duplicates from its first request on."""

from openupgradelib import openupgrade


@openupgrade.migrate()
def migrate(env, version):
    env["event.lead.partner.key"]._reindex_all()
