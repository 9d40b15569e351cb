from odoo import models
from odoo.tools import SQL


class EventLeadReportRatioMixin(models.AbstractModel):
    """Report measures that are ratios (percentages, averages per item).

    A pivot or a graph aggregates each measure with one SQL function: the
    average of per-row percentages is wrong as soon as groups differ in
    size. A ratio measure declared in ``_ratio_measures`` is aggregated as
    the ratio of the sums of its numerator and denominator over the group
    instead, whatever aggregate the web client asks for (as Odoo's purchase
    report does for its average price).
    """

    _name = "event.lead.report.ratio.mixin"
    _description = "Report with ratio measures"

    # measure -> (numerator field, denominator field, denominator aggregate, factor)
    # denominator aggregate: "sum", or "count_distinct" (distinct non-null values)
    _ratio_measures = {}

    def _read_group_select(self, aggregate_spec, query):
        fname, _sep, func = aggregate_spec.partition(":")
        ratio = self._ratio_measures.get(fname)
        if not ratio or func not in ("sum", "avg", "min", "max"):
            return super()._read_group_select(aggregate_spec, query)
        numerator, denominator, denominator_aggregate, factor = ratio
        numerator_sql = self._field_to_sql(self._table, numerator, query)
        denominator_sql = self._field_to_sql(self._table, denominator, query)
        if denominator_aggregate == "count_distinct":
            denominator_sql = SQL("COUNT(DISTINCT %s)", denominator_sql)
        else:
            denominator_sql = SQL("SUM(%s)", denominator_sql)
        return SQL(
            "COALESCE(ROUND((%s * SUM(%s) / NULLIF(%s, 0))::numeric, 2), 0)::double precision",
            float(factor),
            numerator_sql,
            denominator_sql,
        )
