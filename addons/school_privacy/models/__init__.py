from . import publisher_warranty_contract
from . import ir_asset
