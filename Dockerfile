# syntax=docker/dockerfile:1.7
# The three Biotrack images from one build stage (docs/deploy-aks.md, "Images"):
#   docker build --target gateway  -t REGISTRY/biotrack-api-gateway:TAG .
#   docker build --target operator -t REGISTRY/biotrack-operator:TAG .
#   docker build --target worker   -t REGISTRY/biotrack-worker:TAG .
#   docker build --target worker-gpu -t REGISTRY/biotrack-worker-gpu:TAG .   (CUDA natives; unverified, docs/worker.md#gpu)
# or, without a local Docker engine: az acr build --registry NAME --target worker -t biotrack-worker:TAG .
# The images run as uid 10001 with a read-only root filesystem in mind (write only to /tmp).

ARG BUILD_IMAGE=eclipse-temurin:17-jdk-jammy
ARG RUNTIME_IMAGE=eclipse-temurin:17-jre-jammy

# ---- build: the three modules and their runtime libraries (tests run in CI, not here)
FROM ${BUILD_IMAGE} AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl api-gateway,operator,worker -am package -DskipTests

# ---- runtime: JRE, an unprivileged user, no shell login, and tcmalloc (libtcmalloc-minimal4,
# about 300 KB), which only the worker preloads
FROM ${RUNTIME_IMAGE} AS runtime
RUN apt-get update \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends libtcmalloc-minimal4 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 biotrack \
 && useradd --system --uid 10001 --gid 10001 --no-create-home --home-dir /nonexistent \
      --shell /usr/sbin/nologin biotrack
ENV JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError" \
    TMPDIR=/tmp
WORKDIR /app
USER 10001:10001

# ---- gateway: Spring Boot executable jar; API on 8080, health and metrics on 8081
FROM runtime AS gateway
COPY --from=build /src/api-gateway/target/biotrack-api-gateway.jar /app/biotrack-api-gateway.jar
EXPOSE 8080 8081
ENTRYPOINT ["java", "-jar", "/app/biotrack-api-gateway.jar"]

# ---- operator: Spring Boot-packaged executable jar; probes and metrics on BIOTRACK_OPERATOR_PORT
FROM runtime AS operator
COPY --from=build /src/operator/target/biotrack-operator.jar /app/biotrack-operator.jar
EXPOSE 8081
ENTRYPOINT ["java", "-jar", "/app/biotrack-operator.jar"]

# ---- worker: jar plus its libraries (libtorch natives included: DJL runs offline).
# The model is NOT in the image and is never downloaded: the operator mounts the Azure Files
# share (model.shareName) read-only and points BIOTRACK_MODEL at the file on it.
FROM runtime AS worker
COPY --from=build /src/worker/target/lib/ /app/lib/
COPY --from=build /src/worker/target/biotrack-worker.jar /app/biotrack-worker.jar
# libtorch's natives are unpacked into a writable cache on first start; most of the memory is
# libtorch's, not the Java heap's. tcmalloc is preloaded: glibc's malloc maps and unmaps every
# large tensor of a forward pass (docs/performance.md); the path is the first of
# io.biotrack.launch.WorkerAllocator.TCMALLOC, which decides the same for every other way a
# worker starts (DockerfileIT keeps the two equal).
ENV DJL_CACHE_DIR=/tmp/djl \
    ENGINE_CACHE_DIR=/tmp/djl \
    LD_PRELOAD=/usr/lib/x86_64-linux-gnu/libtcmalloc_minimal.so.4 \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true"
ENTRYPOINT ["java", "-jar", "/app/biotrack-worker.jar"]
CMD ["run-job"]

# ---- worker-gpu: the worker with libtorch's CUDA natives (-Pcuda), for an AKS GPU node pool
# (the NVIDIA device plugin gives the container the driver). Not built by CI, never run here:
# no GPU and no CUDA natives are available to this project's build (docs/worker.md#gpu).
FROM ${BUILD_IMAGE} AS build-gpu
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    ./mvnw -B -q -pl worker -am package -DskipTests -Pcuda

FROM runtime AS worker-gpu
COPY --from=build-gpu /src/worker/target/lib/ /app/lib/
COPY --from=build-gpu /src/worker/target/biotrack-worker.jar /app/biotrack-worker.jar
ENV DJL_CACHE_DIR=/tmp/djl \
    ENGINE_CACHE_DIR=/tmp/djl \
    BIOTRACK_DEVICE=cuda \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=40 -XX:+ExitOnOutOfMemoryError -Dai.djl.offline=true"
ENTRYPOINT ["java", "-jar", "/app/biotrack-worker.jar"]
CMD ["run-job"]
