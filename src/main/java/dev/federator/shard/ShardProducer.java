package dev.federator.shard;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This process's shard, from FEDERATOR_SHARD and FEDERATOR_SHARDS, and the shard tag on every metric. */
public class ShardProducer {
    @Produces
    @Singleton
    Shard shard(@ConfigProperty(name = "federator.shard") Optional<String> key,
                @ConfigProperty(name = "federator.shards") Optional<List<String>> shards) {
        return Shard.of(key, shards.orElse(List.of()));
    }

    /**
     * Every meter carries {@code shard}: the shards of one install are scraped as separate targets, and dashboards
     * add them up or tell them apart by it. An unsharded operator keeps its series as they were (no shard tag), so
     * that existing dashboards and alerts that match whole label sets go on matching.
     */
    @Produces
    @Singleton
    MeterFilter shardTag(Shard shard) {
        return shard.sharded() ? MeterFilter.commonTags(Tags.of("shard", shard.name())) : new MeterFilter() {};
    }
}
