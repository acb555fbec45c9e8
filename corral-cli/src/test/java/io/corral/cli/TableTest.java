package io.corral.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TableTest {

    @Test
    void columnsAreAlignedAndEmptyCellsAreDashes() {
        String text = new Table("ID", "NAME", "LAST HEARTBEAT").row("web-1", "", "now").row("a", null, "-").render();

        assertThat(text).isEqualTo(""
                + "ID      NAME   LAST HEARTBEAT\n"
                + "web-1   -      now\n"
                + "a       -      -\n");
    }

    @Test
    void aRowMustFillEveryColumn() {
        assertThatThrownBy(() -> new Table("A", "B").row("only one")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void detailsAlignValues() {
        assertThat(new Details().add("id", "n1").add("status_reason", null).render())
                .isEqualTo("id:             n1\nstatus_reason:  -\n");
    }
}
