from . import test_account_documents
