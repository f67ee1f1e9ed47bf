package io.mabeam.optimization.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.ejb.ScheduleExpression;
import org.junit.jupiter.api.Test;

class CronExpressionsTest {

    @Test
    void readsFiveFieldsAsMinuteHourDayMonthWeekdayAtSecondZeroUtc() {
        ScheduleExpression schedule = CronExpressions.parse("30 2 * * 1-5");
        assertThat(schedule.getSecond()).isEqualTo("0");
        assertThat(schedule.getMinute()).isEqualTo("30");
        assertThat(schedule.getHour()).isEqualTo("2");
        assertThat(schedule.getDayOfMonth()).isEqualTo("*");
        assertThat(schedule.getMonth()).isEqualTo("*");
        assertThat(schedule.getDayOfWeek()).isEqualTo("1-5");
        assertThat(schedule.getTimezone()).isEqualTo("UTC");
    }

    @Test
    void readsSixFieldsWithSecondsFirst() {
        ScheduleExpression schedule = CronExpressions.parse("*/20 * * * * *");
        assertThat(schedule.getSecond()).isEqualTo("*/20");
        assertThat(schedule.getMinute()).isEqualTo("*");
    }

    @Test
    void refusesWhatIsNotACronExpression() {
        assertThatThrownBy(() -> CronExpressions.parse("every day")).hasMessageContaining("has 2");
        assertThatThrownBy(() -> CronExpressions.parse("61 * * * *")).hasMessageContaining("minute 61");
        assertThatThrownBy(() -> CronExpressions.parse("0 24 * * *")).hasMessageContaining("hour 24");
        assertThatThrownBy(() -> CronExpressions.parse("0 0 0 * *")).hasMessageContaining("day of month 0");
        assertThatThrownBy(() -> CronExpressions.parse("0 0 * * $")).hasMessageContaining("not *");
        assertThatThrownBy(() -> CronExpressions.parse(" ")).hasMessageContaining("needs a cron");
        assertThat(CronExpressions.parse("*/15 0-6,22 1 Jan,Jul Mon").getMonth())
                .isEqualTo("Jan,Jul");
    }
}
