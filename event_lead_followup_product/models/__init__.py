from . import event_lead_dossier_entry
from . import product_template
from . import product_product
