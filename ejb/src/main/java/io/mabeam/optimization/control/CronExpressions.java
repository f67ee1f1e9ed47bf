package io.mabeam.optimization.control;

import jakarta.ejb.ScheduleExpression;
import java.util.regex.Pattern;

/**
 * Cron expressions as users write them, turned into the platform's calendar schedules (which the EJB timer
 * service evaluates): five fields {@code minute hour day-of-month month day-of-week}, or six with seconds
 * first, in UTC. Fields take what both cron and EJB schedules take: {@code *}, numbers, lists {@code 1,15},
 * ranges {@code 1-5} and increments {@code *}{@code /10} (seconds, minutes, hours); month and day names as
 * in EJB ({@code Jan}, {@code Mon}).
 */
public final class CronExpressions {

    private static final Pattern FIELD = Pattern.compile("[A-Za-z0-9*/,\\-]{1,100}");

    private CronExpressions() {}

    /** @throws IllegalArgumentException naming what is wrong */
    public static ScheduleExpression parse(String cron) {
        if (cron == null || cron.isBlank()) {
            throw new IllegalArgumentException(
                    "a schedule needs a cron expression, e.g. \"0 2 * * *\" (02:00 UTC daily)");
        }
        String[] fields = cron.strip().split("\\s+");
        if (fields.length != 5 && fields.length != 6) {
            throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day month weekday) or 6"
                    + " (seconds first); \"" + cron + "\" has " + fields.length);
        }
        for (String field : fields) {
            if (!FIELD.matcher(field).matches()) {
                throw new IllegalArgumentException(
                        "cron field \"" + field + "\" is not *, a number, a list, a range" + " or an increment");
            }
        }
        int i = fields.length == 6 ? 1 : 0;
        String second = fields.length == 6 ? fields[0] : "0";
        check(second, 0, 59, "second");
        check(fields[i], 0, 59, "minute");
        check(fields[i + 1], 0, 23, "hour");
        check(fields[i + 2], 1, 31, "day of month");
        check(fields[i + 3], 1, 12, "month");
        check(fields[i + 4], 0, 7, "day of week");
        return new ScheduleExpression()
                .second(second)
                .minute(fields[i])
                .hour(fields[i + 1])
                .dayOfMonth(fields[i + 2])
                .month(fields[i + 3])
                .dayOfWeek(fields[i + 4])
                .timezone("UTC");
    }

    /** Numbers in a field are within its range (names and the platform's finer checks are left to the timer). */
    private static void check(String field, int low, int high, String name) {
        for (String part : field.split("[,\\-/]")) {
            if (part.isEmpty() || part.equals("*") || !part.chars().allMatch(Character::isDigit)) {
                continue;
            }
            int value = Integer.parseInt(part);
            boolean increment = field.contains("/") && field.endsWith("/" + part);
            if (!increment && (value < low || value > high)) {
                throw new IllegalArgumentException(name + " " + value + " is outside " + low + "–" + high);
            }
        }
    }
}
