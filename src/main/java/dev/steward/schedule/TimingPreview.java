package dev.steward.schedule;

import java.time.OffsetDateTime;
import java.util.List;

/** A timing in words, the Quartz expression it runs as, and its next fire times in its zone (offsets show DST). */
public record TimingPreview(String description, String quartzCron, String timeZone, List<OffsetDateTime> nextFireTimes) {
}
