package io.mabeam.foundation.api.boundary;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Bounds request bodies: reading stops with a 413 problem as soon as a body passes the limit, whether its
 * length was declared or it is streamed. A declared length is not refused before reading on purpose: over
 * HTTP/2 (h2c) an answer that leaves the body unread stalled the stream until the client timed out.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public class RequestSizeLimit implements ContainerRequestFilter {

    /**
     * Request property set when a body passed the limit. Parsers wrap the stream's exception in their own,
     * so the problem mapping looks here rather than in the cause chain. In a servlet container request
     * properties are servlet request attributes.
     */
    public static final String EXCEEDED = "mabeam.request.body-limit-exceeded";

    @Inject
    @ConfigProperty(name = "mabeam.api.max-body-bytes", defaultValue = "1048576")
    jakarta.inject.Provider<Long> maxBodyBytesSetting;

    /** Dataset uploads are CSV files, bounded by their own setting. */
    @Inject
    @ConfigProperty(name = "mabeam.datasets.max-bytes", defaultValue = "20971520")
    jakarta.inject.Provider<Long> maxDatasetBytesSetting;

    @Override
    public void filter(ContainerRequestContext request) {
        if (request.hasEntity()) {
            boolean datasetUpload = request.getUriInfo().getPath().startsWith("v1/datasets/")
                    && request.getMethod().equals("PUT");
            long maxBodyBytes = datasetUpload ? maxDatasetBytesSetting.get() : maxBodyBytesSetting.get();
            request.setEntityStream(new BoundedInputStream(
                    request.getEntityStream(), maxBodyBytes, () -> request.setProperty(EXCEEDED, maxBodyBytes)));
        }
    }

    static final class BoundedInputStream extends FilterInputStream {
        private final long limit;
        private final Runnable onExceeded;
        private long count;

        BoundedInputStream(InputStream in, long limit, Runnable onExceeded) {
            super(in);
            this.limit = limit;
            this.onExceeded = onExceeded;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(long n) throws RequestTooLarge {
            count += n;
            if (count > limit) {
                onExceeded.run();
                throw new RequestTooLarge(limit);
            }
        }
    }
}
