package io.mabeam.models.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Networks as bytes in Deeplearning4j's own format (a zip of configuration and parameters, without the
 * updater's state: a kept model is for inference), which {@code ModelSerializer.restoreMultiLayerNetwork}
 * reads anywhere.
 */
public final class NetworkBytes {

    private NetworkBytes() {}

    public static byte[] of(MultiLayerNetwork network) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelSerializer.writeModel(network, out, false);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static MultiLayerNetwork network(byte[] bytes) {
        try {
            return ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
