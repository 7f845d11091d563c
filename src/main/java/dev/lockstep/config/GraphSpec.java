package dev.lockstep.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * The top of a graph file.
 *
 * <pre>
 * lockstep: 1
 * repos: { ... }       # RepoSpec by id
 * artifacts: { ... }   # ArtifactSpec by id
 * mirrors:             # lookups of FROM are asked at TO
 *   docker.io: oci://mirror.example.com:5000/dockerhub
 * </pre>
 *
 * Entries stay as trees here so that one bad entry does not hide the problems of the others.
 */
record GraphSpec(
    Integer lockstep,
    Map<String, JsonNode> repos,
    Map<String, JsonNode> artifacts,
    Map<String, String> mirrors) {}
