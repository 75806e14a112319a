# The SkillGraph server (GraphQL over HTTP, GET /healthz) for docker-compose.yml, with the CLI beside it in /app/cli
# (docker-compose's one-shot `esco-import` runs `dotnet /app/cli/skillgraph.dll import esco --store neo4j`).
# Multi-stage: the .NET SDK builds and publishes (npm fetches GraphiQL during the build), the ASP.NET runtime runs it
# as the image's non-root user. Configuration by environment: Graph__Store, Graph__Neo4j__* (see docker-compose.yml).

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/SkillGraph.Server/SkillGraph.Server.csproj -c Release -o /app -nologo \
 && dotnet publish src/SkillGraph.Cli/SkillGraph.Cli.csproj -c Release -o /app/cli -nologo

FROM mcr.microsoft.com/dotnet/aspnet:10.0 AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data/student \
 && chown -R "$APP_UID" /data
WORKDIR /app
COPY --from=build /app .
# /data: the embedded store (when Graph__Store=Embedded) and the student's label-vector cache (Student__CacheDirectory).
ENV ASPNETCORE_URLS=http://+:8080 \
    SKILLGRAPH_DB=/data/skillgraph.db \
    Student__CacheDirectory=/data/student \
    DOTNET_CLI_TELEMETRY_OPTOUT=1
VOLUME /data
EXPOSE 8080
USER $APP_UID
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/healthz || exit 1
ENTRYPOINT ["dotnet", "SkillGraph.Server.dll"]
