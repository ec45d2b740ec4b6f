# syntax=docker/dockerfile:1
# Tributary's image: built with Maven on a JDK, run on a JRE as a non-root user, with the JDK's
# AOT cache trained at build time (JDK 25+: about twice as fast to its first /health).
#   docker build -t tributary .
#   docker run -p 7070:7070 -v tributary-data:/var/lib/tributary tributary
# deploy/compose.yaml runs two nodes on PostgreSQL; deploy/helm/tributary is a Helm chart.

# Node for the web UI's build (the ui module runs Vite with the machine's node and npm).
FROM node:22-bookworm-slim AS node

FROM maven:3.9-eclipse-temurin-25 AS build
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules /usr/local/lib/node_modules
RUN ln -s /usr/local/lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm \
 && ln -s /usr/local/lib/node_modules/npm/bin/npx-cli.js /usr/local/bin/npx
WORKDIR /src
COPY pom.xml ./
COPY adaptor-api adaptor-api
COPY templating templating
COPY adaptors adaptors
COPY ui ui
COPY server server
COPY bench/pom.xml bench/pom.xml
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -pl server -am package \
 && cp server/target/tributary-server.jar /tributary.jar

FROM eclipse-temurin:25-jre AS runtime
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --system --uid 10001 --user-group --home-dir /var/lib/tributary --create-home tributary
WORKDIR /opt/tributary
COPY --from=build /tributary.jar /opt/tributary/tributary.jar
# The training run (a server on a throw-away store running a flow) writes the AOT cache; it must
# be made by the JVM that uses it, so it happens here, on the runtime image.
RUN java -XX:AOTCacheOutput=/opt/tributary/tributary.aot -jar /opt/tributary/tributary.jar aot-train \
 && test -s /opt/tributary/tributary.aot
USER 10001:10001
ENV TRIBUTARY_HOST=0.0.0.0 \
    TRIBUTARY_PORT=7070 \
    TRIBUTARY_DATA_DIR=/var/lib/tributary/data \
    TRIBUTARY_LOG_FORMAT=json
VOLUME ["/var/lib/tributary"]
EXPOSE 7070
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:7070/health || exit 1
ENTRYPOINT ["java", "-XX:AOTCache=/opt/tributary/tributary.aot", "-XX:MaxRAMPercentage=75", "-jar", "/opt/tributary/tributary.jar"]
CMD ["serve"]
