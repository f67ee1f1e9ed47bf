package io.mabeam.variables.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mabeam.variables.entity.CategoricalVariable;
import io.mabeam.variables.entity.FloatVariable;
import io.mabeam.variables.entity.IntVariable;
import io.mabeam.variables.entity.SearchSpace;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

class SearchSpaceJsonTest {

    static JsonObject json(String text) {
        return Json.createReader(new StringReader(text.replace('\'', '"'))).readObject();
    }

    static final String MIXED = "{'variables':["
            + "{'name':'n_layers','type':'int','low':1,'high':8},"
            + "{'name':'lr','type':'float','low':1e-5,'high':0.1,'log':true},"
            + "{'name':'optimizer','type':'categorical','choices':['sgd','momentum','adam','rmsprop']},"
            + "{'name':'momentum','type':'float','low':0.5,'high':0.99,'when':{'parent':'optimizer','in':['momentum']}},"
            + "{'name':'dropout','type':'float','low':0,'high':0.5,'step':0.05},"
            + "{'name':'epochs','type':'fixed','value':10}]}";

    @Test
    void aSpaceReadsAndWritesBackTheSame() {
        SearchSpace space = SearchSpaceJson.parse(json(MIXED));
        assertThat(space.variables()).hasSize(6);
        assertThat(space.variable("lr")).get().isInstanceOf(FloatVariable.class);
        assertThat(((FloatVariable) space.variable("lr").orElseThrow()).log()).isTrue();
        assertThat(space.variable("n_layers")).get().isEqualTo(IntVariable.uniform("n_layers", 1, 8));
        assertThat(((CategoricalVariable) space.variable("optimizer").orElseThrow()).choices())
                .hasSize(4);
        assertThat(space.variable("momentum").orElseThrow().condition()).isPresent();
        assertThat(SearchSpaceJson.parse(SearchSpaceJson.json(space))).isEqualTo(space);
    }

    @Test
    void malformedSpacesSayWhatIsWrong() {
        assertThatThrownBy(() -> SearchSpaceJson.parse(json("{}"))).hasMessageContaining("\"variables\"");
        assertThatThrownBy(() -> SearchSpaceJson.parse(json("{'variables':[]}")))
                .hasMessageContaining("at least one");
        assertThatThrownBy(() ->
                        SearchSpaceJson.parse(json("{'variables':[{'name':'x','type':'float','low':2,'high':1}]}")))
                .hasMessageContaining("above high");
        assertThatThrownBy(() ->
                        SearchSpaceJson.parse(json("{'variables':[{'name':'x','type':'double','low':0,'high':1}]}")))
                .hasMessageContaining("float, int, categorical or fixed");
        assertThatThrownBy(() ->
                        SearchSpaceJson.parse(json("{'variables':[{'name':'c','type':'categorical','choices':[]}]}")))
                .hasMessageContaining("at least one choice");
        assertThatThrownBy(() ->
                        SearchSpaceJson.parse(json("{'variables':[{'name':'n','type':'int','low':1.5,'high':3}]}")))
                .hasMessageContaining("whole number");
        assertThatThrownBy(() -> SearchSpaceJson.parse(
                        json("{'variables':[{'name':'c','type':'categorical','choices':[[1]]}]}")))
                .hasMessageContaining("strings, numbers, booleans or null");
        assertThatThrownBy(
                        () -> SearchSpaceJson.parse(
                                json(
                                        "{'variables':[{'name':'m','type':'float','low':0,'high':1,'when':{'parent':'o','in':['a']}}]}")))
                .hasMessageContaining("not declared before it");
    }
}
