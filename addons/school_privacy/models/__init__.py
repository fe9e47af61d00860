from . import publisher_warranty_contract
