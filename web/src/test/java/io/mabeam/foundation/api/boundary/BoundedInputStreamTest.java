package io.mabeam.foundation.api.boundary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BoundedInputStreamTest {

    @Test
    void passesBodiesUpToTheLimit() throws IOException {
        AtomicInteger exceeded = new AtomicInteger();
        var in = new RequestSizeLimit.BoundedInputStream(
                new ByteArrayInputStream(new byte[100]), 100, exceeded::incrementAndGet);
        assertThat(in.readAllBytes()).hasSize(100);
        assertThat(exceeded).hasValue(0);
    }

    @Test
    void stopsOneByteAfterTheLimitAndSaysSo() {
        AtomicInteger exceeded = new AtomicInteger();
        var in = new RequestSizeLimit.BoundedInputStream(
                new ByteArrayInputStream(new byte[101]), 100, exceeded::incrementAndGet);
        assertThatThrownBy(in::readAllBytes)
                .isInstanceOf(RequestTooLarge.class)
                .hasMessage("the request body exceeds 100 bytes");
        assertThat(exceeded).hasValue(1);
    }

    @Test
    void countsSingleByteReadsToo() throws IOException {
        var in = new RequestSizeLimit.BoundedInputStream(new ByteArrayInputStream(new byte[3]), 2, () -> {});
        in.read();
        in.read();
        assertThatThrownBy(in::read).isInstanceOf(RequestTooLarge.class);
    }
}
