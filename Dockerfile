# For people who have Docker. It cannot be built on the project's own machines (no Docker engine),
# so it is kept simple and is not tested there.
FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
RUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN dotnet publish src/GeoApi/GeoApi.csproj -c Release -o /app \
 && cd src/web-map && npm ci && npm run build

FROM mcr.microsoft.com/dotnet/aspnet:10.0
WORKDIR /srv/cohesiongeo
COPY --from=build /app /srv/cohesiongeo/app
COPY --from=build /src/src/web-map/dist /srv/cohesiongeo/src/web-map/dist
COPY data /srv/cohesiongeo/data
ENV COHESIONGEO_HOME=/srv/cohesiongeo COHESIONGEO_PORT=5080
EXPOSE 5080
ENTRYPOINT ["dotnet", "/srv/cohesiongeo/app/GeoApi.dll", "run"]
