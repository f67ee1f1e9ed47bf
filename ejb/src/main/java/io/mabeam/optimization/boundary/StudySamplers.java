package io.mabeam.optimization.boundary;

import io.mabeam.optimization.control.Pruner;
import io.mabeam.optimization.control.Pruners;
import io.mabeam.optimization.control.Sampler;
import io.mabeam.optimization.control.Samplers;
import io.mabeam.optimization.control.TrialJson;
import io.mabeam.optimization.entity.StudyDefinition;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One sampler and one pruner per study on this node, built from the study's definition. Samplers answer
 * from the stored history alone, so a node that never saw a study builds the same one and answers alike; the
 * instance is kept only so samplers may cache what they derived from that history.
 */
@ApplicationScoped
public class StudySamplers {

    private final Map<Long, Sampler> samplers = new ConcurrentHashMap<>();
    private final Map<Long, Pruner> pruners = new ConcurrentHashMap<>();

    public Sampler sampler(StudyDefinition study) {
        return samplers.computeIfAbsent(
                study.id(), id -> Samplers.create(TrialJson.object(study.sampler()), study.seed(), study.space()));
    }

    public Pruner pruner(StudyDefinition study) {
        return pruners.computeIfAbsent(study.id(), id -> Pruners.create(TrialJson.object(study.pruner())));
    }

    public void forget(long studyId) {
        samplers.remove(studyId);
        pruners.remove(studyId);
    }
}
