using CohesionGeo.GeoApi.Cli;

return await CommandLine.RunAsync(args);
