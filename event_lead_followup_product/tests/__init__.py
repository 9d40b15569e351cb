from . import test_product_dossier
