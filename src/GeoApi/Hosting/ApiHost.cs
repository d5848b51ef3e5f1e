using CohesionGeo.GeoApi.Endpoints;
using CohesionGeo.GeoApi.Security;
using CohesionGeo.GeoApi.Tiles;
using CohesionGeo.GeoEngine.Store;
using Mapster;
using MapsterMapper;
using Microsoft.Extensions.FileProviders;
using Npgsql;

namespace CohesionGeo.GeoApi.Hosting;

/// <summary>Builds the web application: services, endpoints and the map's static files.</summary>
public static class ApiHost
{
    public static WebApplication Build(ApiSettings settings, string[]? args = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args ?? []);
        builder.WebHost.UseUrls($"http://{settings.ListenAddress}:{settings.Port}");
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter("Npgsql", LogLevel.Warning);

        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<NpgsqlDataSource>(_ => GeoDataSource.Create(settings.ConnectionString));
        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<EngineExceptionHandler>();
        builder.Services.AddSingleton<ApiUserStore>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddAuthentication(TokenAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, TokenAuthenticationHandler>(TokenAuthenticationHandler.SchemeName, null);
        builder.Services.AddTiles();
        builder.Services.AddSingleton(AssessmentOptions.FromEnvironment());
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower);

        // Mapster.DependencyInjection is not obtainable here: register config and mapper by hand.
        var mapping = new TypeAdapterConfig();
        builder.Services.AddSingleton(mapping);
        builder.Services.AddSingleton<IMapper>(new Mapper(mapping));

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseMiddleware<RejectBadTokenMiddleware>();
        app.UseOutputCache();

        if (settings.WebRoot is { } webRoot && Directory.Exists(webRoot))
        {
            var files = new PhysicalFileProvider(webRoot);
            app.UseDefaultFiles(new DefaultFilesOptions { FileProvider = files });
            app.UseStaticFiles(new StaticFileOptions { FileProvider = files });
        }

        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapGet("/openapi", () => Results.Redirect("/openapi/v1.json")).ExcludeFromDescription();
        app.MapHealthEndpoints();
        app.MapSecurityEndpoints();
        app.MapTileEndpoints();
        app.MapRiskEndpoints();
        app.MapRoutingEndpoints();
        app.MapPlacesEndpoints();
        app.MapAccessEndpoints();
        app.MapTransitEndpoints();
        app.MapDocoReviewEndpoints();
        app.MapPostcodeEndpoints();
        app.MapSiteEndpoints();
        app.MapIsolatedCommunitiesEndpoints();
        return app;
    }
}
