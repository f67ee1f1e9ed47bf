package io.mabeam.training.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import java.util.logging.Logger;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Deeplearning4j's native backend on this node, warmed up when the node starts (in the background): the first
 * use unpacks and loads its native libraries, which would otherwise slow down the node's first trial. Its
 * state shows in the health of component {@code training}.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class TrainingBackend {

    private static final Logger LOG = Logger.getLogger(TrainingBackend.class.getName());

    /** Where the backend stands. */
    public record State(boolean ready, String detail, Throwable failure) {}

    @Resource
    ManagedExecutorService executor;

    private volatile State state = new State(false, "warming up", null);

    @PostConstruct
    void warmUp() {
        executor.submit(() -> {
            long started = System.nanoTime();
            try {
                INDArray a = Nd4j.rand(DataType.FLOAT, 64, 64);
                a.mmul(a).sumNumber();
                String detail = "Deeplearning4j " + Nd4j.getBackend().getClass().getSimpleName() + " ready in "
                        + (System.nanoTime() - started) / 1_000_000 + " ms";
                state = new State(true, detail, null);
                LOG.info(detail);
            } catch (Throwable e) {
                state = new State(false, "Deeplearning4j's native backend did not load: " + e, e);
                LOG.log(java.util.logging.Level.SEVERE, state.detail(), e);
            }
        });
    }

    public State state() {
        return state;
    }
}
