// The schema on PostgreSQL, version 10: retention (issue 24), as on SQLite (sqlite/schema_v10.cpp).
#include <svcdesk/store/schema.hpp>

namespace svcdesk::postgres {

extern const char* const k_schema_v10 = R"sql(
ALTER TABLE tickets ADD COLUMN purged_at BIGINT;
ALTER TABLE deposits ADD COLUMN purged_at BIGINT;
ALTER TABLE loans ADD COLUMN purged_at BIGINT;
ALTER TABLE customers ADD COLUMN purged_at BIGINT;
-- A purge looks up every record of a caller by phone (the tickets and deposits have theirs).
CREATE INDEX loans_phone ON loans (phone);
CREATE OR REPLACE FUNCTION deposits_contents_fixed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    -- A purge (svcdesk purge, customer forget): the personal fields of an ended deposit erased.
    IF OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL AND OLD.status <> 'stored'
       AND NEW.status = OLD.status AND NEW.tag = OLD.tag AND NEW.desk = OLD.desk
       AND NEW.pieces = OLD.pieces AND NEW.sealed = OLD.sealed AND NEW.deposited_at = OLD.deposited_at
       AND NEW.id_hash = '' AND NEW.id_last4 = '' AND NEW.phone = '' THEN
        RETURN NEW;
    END IF;
    IF NEW.tag IS DISTINCT FROM OLD.tag OR NEW.desk IS DISTINCT FROM OLD.desk
       OR NEW.pieces IS DISTINCT FROM OLD.pieces OR NEW.items IS DISTINCT FROM OLD.items
       OR NEW.depositor IS DISTINCT FROM OLD.depositor OR NEW.phone IS DISTINCT FROM OLD.phone
       OR NEW.id_last4 IS DISTINCT FROM OLD.id_last4 OR NEW.id_hash IS DISTINCT FROM OLD.id_hash
       OR NEW.sealed IS DISTINCT FROM OLD.sealed OR NEW.deposited_at IS DISTINCT FROM OLD.deposited_at
       OR OLD.status <> 'stored' THEN
        RAISE EXCEPTION 'a deposit''s contents are never edited, and a released or disposed deposit is final'
              USING ERRCODE = 'integrity_constraint_violation';
    END IF;
    RETURN NEW;
END
$$;
)sql";

} // namespace svcdesk::postgres
