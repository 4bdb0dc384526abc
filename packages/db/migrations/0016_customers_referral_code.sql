CREATE INDEX `customers_referral_code_idx` ON `customers` (`workspace_id`,json_extract("traits", '$.referral_code')) WHERE json_extract("customers"."traits", '$.referral_code') IS NOT NULL;
