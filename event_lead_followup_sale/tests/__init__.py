from . import test_sale_documents
