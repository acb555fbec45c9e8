package io.corral.server.http.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class WaitWheelTest {

    @Test
    void aWaiterIsDueAtTheEndOfItsBucketNeverBeforeItsDeadline() {
        WaitWheel<String> wheel = new WaitWheel<>(100);
        assertThat(wheel.add("a", 1_001)).isEqualTo(1_100);
        assertThat(wheel.add("b", 1_100)).isEqualTo(1_100);
        assertThat(wheel.takeDue(1_099)).isEmpty();
        assertThat(wheel.takeDue(1_100)).containsExactly("a", "b");
        assertThat(wheel.size()).isZero();
        assertThat(wheel.nextDueMs()).isEqualTo(-1);
    }

    @Test
    void dueWaitersComeEarliestFirstAndLaterOnesStay() {
        WaitWheel<String> wheel = new WaitWheel<>(10);
        wheel.add("late", 500);
        wheel.add("early", 20);
        wheel.add("middle", 200);
        assertThat(wheel.nextDueMs()).isEqualTo(20);
        assertThat(wheel.takeDue(200)).containsExactly("early", "middle");
        assertThat(wheel.nextDueMs()).isEqualTo(500);
        assertThat(wheel.size()).isEqualTo(1);
    }

    @Test
    void aRemovedWaiterIsNeverDueAndFreesItsBucket() {
        WaitWheel<String> wheel = new WaitWheel<>(100);
        wheel.add("gone", 50);
        wheel.add("stays", 250);
        assertThat(wheel.remove("gone")).isTrue();
        assertThat(wheel.remove("gone")).isFalse();
        assertThat(wheel.nextDueMs()).isEqualTo(300);
        assertThat(wheel.takeDue(1_000)).containsExactly("stays");
    }

    @Test
    void addingAWaiterAgainMovesItsDeadline() {
        WaitWheel<String> wheel = new WaitWheel<>(100);
        wheel.add("w", 50);
        wheel.add("w", 950);
        assertThat(wheel.size()).isEqualTo(1);
        assertThat(wheel.takeDue(500)).isEmpty();
        assertThat(wheel.takeDue(1_000)).containsExactly("w");
    }

    @Test
    void removeIfTakesTheAcceptedWaitersInTheOrderAddedAndKeepsTheOthersDue() {
        WaitWheel<String> wheel = new WaitWheel<>(100);
        wheel.add("a1", 150);
        wheel.add("b1", 50);
        wheel.add("a2", 950);
        assertThat(wheel.removeIf(w -> w.startsWith("a"))).containsExactly("a1", "a2");
        assertThat(wheel.size()).isEqualTo(1);
        assertThat(wheel.remove("a1")).isFalse();
        assertThat(wheel.nextDueMs()).isEqualTo(100);
        assertThat(wheel.takeDue(10_000)).containsExactly("b1");
    }

    @Test
    void removeIfThatAcceptsEveryWaiterEmptiesTheWheel() {
        WaitWheel<String> wheel = new WaitWheel<>(100);
        for (int i = 0; i < 50; i++) {
            wheel.add("w" + i, 100L * i);
        }
        assertThat(wheel.removeIf(w -> true)).hasSize(50).startsWith("w0", "w1");
        assertThat(wheel.size()).isZero();
        assertThat(wheel.nextDueMs()).isEqualTo(-1);
        assertThat(wheel.takeDue(Long.MAX_VALUE)).isEmpty();
        wheel.add("again", 10);
        assertThat(wheel.takeDue(100)).containsExactly("again");
    }
}
