package dev.lockstep.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryCredentialsTest {

  @TempDir Path tmp;

  private Path dockerConfig(String json) throws Exception {
    Path file = tmp.resolve("config.json");
    Files.writeString(file, json);
    return file;
  }

  private static String auth(String user, String password) {
    return Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void environmentWinsOverDockerConfig() throws Exception {
    Path config =
        dockerConfig(
            "{\"auths\":{\"reg.example.com\":{\"auth\":\"" + auth("docker", "pw1") + "\"}}}");
    RegistryCredentials creds =
        RegistryCredentials.from(
            Map.of(
                RegistryCredentials.REGISTRY_ENV,
                "reg.example.com",
                RegistryCredentials.USERNAME_ENV,
                "env-user",
                RegistryCredentials.PASSWORD_ENV,
                "pw2"),
            config);
    assertEquals(Optional.of(new Credentials("env-user", "pw2")), creds.find("reg.example.com"));
  }

  @Test
  void dockerConfigAuthsMatchByHostWhateverTheKeyShape() throws Exception {
    Path config =
        dockerConfig(
            "{\"auths\":{"
                + "\"https://reg.example.com/v1/\":{\"auth\":\""
                + auth("alice", "p:w")
                + "\"},"
                + "\"https://index.docker.io/v1/\":{\"auth\":\""
                + auth("hub", "pw")
                + "\"},"
                + "\"127.0.0.1:5000\":{\"auth\":\""
                + auth("local", "pw")
                + "\"}}}");
    RegistryCredentials creds = RegistryCredentials.from(Map.of(), config);
    assertEquals(Optional.of(new Credentials("alice", "p:w")), creds.find("reg.example.com"));
    assertEquals(Optional.of(new Credentials("hub", "pw")), creds.find("registry-1.docker.io"));
    assertEquals(Optional.of(new Credentials("local", "pw")), creds.find("127.0.0.1:5000"));
    assertEquals(Optional.empty(), creds.find("127.0.0.1:5001"));
  }

  @Test
  void missingOrBrokenConfigMeansNoCredentials() throws Exception {
    assertEquals(
        Optional.empty(),
        RegistryCredentials.from(Map.of(), tmp.resolve("absent.json")).find("x.io"));
    assertEquals(
        Optional.empty(),
        RegistryCredentials.from(Map.of(), dockerConfig("{not json")).find("x.io"));
    assertEquals(
        Optional.empty(),
        RegistryCredentials.from(
                Map.of(), dockerConfig("{\"auths\":{\"x.io\":{\"auth\":\"!!!\"}}}"))
            .find("x.io"));
  }

  @Test
  void explicitCredentialsAreUsedForEveryHost() {
    Credentials c = new Credentials("u", "p");
    assertEquals(Optional.of(c), RegistryCredentials.of(c).find("anything:1"));
    assertEquals(Optional.empty(), RegistryCredentials.none().find("anything:1"));
  }

  @Test
  void configsAreFoundThroughHomeFromTheEnvironment() throws Exception {
    Path home = tmp.resolve("home");
    Files.createDirectories(home.resolve(".docker"));
    Files.writeString(
        home.resolve(".docker/config.json"),
        "{\"auths\":{\"docker.example.com\":{\"auth\":\"" + auth("d", "pw") + "\"}}}");
    Files.createDirectories(home.resolve(".config/helm/registry"));
    Files.writeString(
        home.resolve(".config/helm/registry/config.json"),
        "{\"auths\":{\"helm.example.com\":{\"auth\":\"" + auth("h", "pw") + "\"}}}");
    RegistryCredentials creds = RegistryCredentials.from(Map.of("HOME", home.toString()));
    assertEquals(Optional.of(new Credentials("d", "pw")), creds.find("docker.example.com"));
    assertEquals(Optional.of(new Credentials("h", "pw")), creds.find("helm.example.com"));
    assertEquals(
        home.resolve(".docker/config.json"),
        RegistryCredentials.defaultDockerConfig(Map.of("HOME", home.toString())));
    assertEquals(
        tmp.resolve("dc/config.json"),
        RegistryCredentials.defaultDockerConfig(
            Map.of("HOME", home.toString(), "DOCKER_CONFIG", tmp.resolve("dc").toString())));
    assertEquals(
        tmp.resolve("xdg/helm/registry/config.json"),
        RegistryCredentials.defaultHelmRegistryConfig(
            Map.of("HOME", home.toString(), "XDG_CONFIG_HOME", tmp.resolve("xdg").toString())));
  }
}
