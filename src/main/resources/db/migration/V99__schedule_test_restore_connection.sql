-- The connection whose server a schedule's test restores go to (a scratch database there); NULL: the backup's own.
ALTER TABLE schedules ADD COLUMN test_restore_connection_id UUID;
