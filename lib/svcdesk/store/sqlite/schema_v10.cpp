// The schema on SQLite, version 10: retention (issue 24). A purge anonymises a record once its
// period ([retention]) is over and marks it purged_at; a deposit's contents stay final, save for
// that one update, which keeps everything but the personal fields.
#include <svcdesk/store/schema.hpp>

namespace svcdesk::sqlite {

extern const char* const k_schema_v10 = R"sql(
ALTER TABLE tickets ADD COLUMN purged_at INTEGER;
ALTER TABLE deposits ADD COLUMN purged_at INTEGER;
ALTER TABLE loans ADD COLUMN purged_at INTEGER;
ALTER TABLE customers ADD COLUMN purged_at INTEGER;
-- A purge looks up every record of a caller by phone (the tickets and deposits have theirs).
CREATE INDEX loans_phone ON loans (phone);
DROP TRIGGER deposits_contents_fixed;
CREATE TRIGGER deposits_contents_fixed BEFORE UPDATE ON deposits
WHEN (NEW.tag IS NOT OLD.tag OR NEW.desk IS NOT OLD.desk OR NEW.pieces IS NOT OLD.pieces
  OR NEW.items IS NOT OLD.items OR NEW.depositor IS NOT OLD.depositor OR NEW.phone IS NOT OLD.phone
  OR NEW.id_last4 IS NOT OLD.id_last4 OR NEW.id_hash IS NOT OLD.id_hash OR NEW.sealed IS NOT OLD.sealed
  OR NEW.deposited_at IS NOT OLD.deposited_at OR OLD.status <> 'stored')
 AND NOT (OLD.purged_at IS NULL AND NEW.purged_at IS NOT NULL AND OLD.status <> 'stored'
  AND NEW.status IS OLD.status AND NEW.tag IS OLD.tag AND NEW.desk IS OLD.desk AND NEW.pieces IS OLD.pieces
  AND NEW.sealed IS OLD.sealed AND NEW.deposited_at IS OLD.deposited_at AND NEW.id_hash = ''
  AND NEW.id_last4 = '' AND NEW.phone = '')
BEGIN
    SELECT RAISE(ABORT, 'a deposit''s contents are never edited, and a released or disposed deposit is final');
END;
)sql";

} // namespace svcdesk::sqlite
