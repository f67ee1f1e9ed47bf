package io.mabeam.datasets.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.datasets.entity.Table;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    private final CsvReader reader = new CsvReader(CsvReader.Limits.DEFAULT);

    private Table read(String text) {
        return reader.read(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() {
        Table table = read("name,note\r\n\"Smith, J\",\"said \"\"hi\"\"\"\n\"two\nlines\",x\n");
        assertThat(table.columns()).containsExactly("name", "note");
        assertThat(table.rowCount()).isEqualTo(2);
        assertThat(table.cell(0, 0)).isEqualTo("Smith, J");
        assertThat(table.cell(0, 1)).isEqualTo("said \"hi\"");
        assertThat(table.cell(1, 0)).isEqualTo("two\nlines");
    }

    @Test
    void treatsEmptyCellsAndUsualMarkersAsMissing() {
        Table table = read("a,b,c,d\n,NA,?,1\nnan,null,N/A,2\n");
        assertThat(table.cell(0, 0)).isNull();
        assertThat(table.cell(0, 1)).isNull();
        assertThat(table.cell(0, 2)).isNull();
        assertThat(table.cell(1, 0)).isNull();
        assertThat(table.cell(1, 2)).isNull();
        assertThat(table.cell(1, 3)).isEqualTo("2");
    }

    @Test
    void refusesARowWithTheWrongNumberOfFieldsNamingItsLine() {
        assertThatThrownBy(() -> read("a,b\n1,2\n3\n"))
                .isInstanceOf(CsvReader.Refused.class)
                .hasMessage("line 3: has 1 fields; the header has 2")
                .extracting(e -> ((CsvReader.Refused) e).line())
                .isEqualTo(3);
    }

    @Test
    void refusesSpreadsheetFormulasButTakesNegativeNumbers() {
        assertThat(read("a\n-3.5\n+2\n").cell(0, 0)).isEqualTo("-3.5");
        for (String hostile :
                new String[] {"=HYPERLINK(\"http://x\")", "+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx"}) {
            String quoted = "\"" + hostile.replace("\"", "\"\"") + "\"";
            assertThatThrownBy(() -> read("a,b\n1," + quoted + "\n"))
                    .as(hostile)
                    .isInstanceOf(CsvReader.Refused.class)
                    .hasMessageContaining("formula");
        }
        assertThatThrownBy(() -> read("=a,b\n1,2\n")).hasMessageContaining("formula");
    }

    @Test
    void refusesWhatExceedsTheLimits() {
        CsvReader small = new CsvReader(new CsvReader.Limits(100, 2, 3, 5));
        assertThatThrownBy(() -> small.read("a\n".concat("1\n".repeat(60)).getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("bytes");
        assertThatThrownBy(() -> small.read("a\n1\n2\n3\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("rows");
        assertThatThrownBy(() -> small.read("a,b,c,d\n1,2,3,4\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("columns");
        assertThatThrownBy(() -> small.read("a\n123456\n".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("longer than 5");
    }

    @Test
    void readsWithTheLargestLimits() {
        CsvReader unbounded = new CsvReader(new CsvReader.Limits(Long.MAX_VALUE, Integer.MAX_VALUE, 500, 10_000));
        assertThat(unbounded.read("a\n1\n2\n".getBytes(StandardCharsets.UTF_8)).rowCount())
                .isEqualTo(2);
    }

    @Test
    void refusesBinaryAndMalformedText() {
        assertThatThrownBy(() -> reader.read(new byte[] {'a', '\n', (byte) 0xC3, (byte) 0x28, '\n'}))
                .hasMessageContaining("not UTF-8");
        assertThatThrownBy(() -> read("a\n1\0\n")).hasMessageContaining("NUL");
        assertThatThrownBy(() -> read("a\n\"open\n")).hasMessageContaining("not closed");
        assertThatThrownBy(() -> read("a\nx\"y\n")).hasMessageContaining("quote inside");
    }

    @Test
    void refusesBadHeaders() {
        assertThatThrownBy(() -> read("a,a\n1,2\n")).hasMessageContaining("appears twice");
        assertThatThrownBy(() -> read("a,\n1,2\n")).hasMessageContaining("no name");
        assertThatThrownBy(() -> read("a,b\n")).hasMessageContaining("no rows");
        assertThatThrownBy(() -> read("")).hasMessageContaining("empty");
    }

    @Test
    void readsEveryBundledDataset() throws Exception {
        for (String name : new String[] {"iris", "penguins", "titanic", "mpg"}) {
            try (var in = getClass().getResourceAsStream("/io/mabeam/datasets/bundled/" + name + ".csv")) {
                Table table = reader.read(in.readAllBytes());
                assertThat(table.rowCount()).as(name).isGreaterThan(100);
            }
        }
    }
}
