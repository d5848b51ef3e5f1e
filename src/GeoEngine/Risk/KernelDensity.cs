namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Kernel density surface with the quartic (biweight) kernel K(d) = 3/(π h²) (1 − d²/h²)² for d &lt; h:
/// each point adds a mass of 1 spread over a disc of radius h (the bandwidth, metres). Returns a grid
/// of densities in points per square kilometre at cell centres, row-major from the south-west
/// corner (row 0 = southernmost). Coordinates in EPSG:27700 metres. Caveat: a raw density of
/// reports follows population; police.uk points are snapped to anonymised locations, so a
/// bandwidth well above the snapping distance (a few hundred metres) is advisable.
/// </summary>
public static class KernelDensity
{
    public static double[] Surface(
        ReadOnlySpan<double> x, ReadOnlySpan<double> y, double bandwidth, double originX, double originY, double cellSize, int cols, int rows)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bandwidth);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cellSize);
        var grid = new double[cols * rows];
        var h2 = bandwidth * bandwidth;
        var scale = 3.0 / (Math.PI * h2) * 1e6; // per m² → per km²
        var reach = (int)Math.Ceiling(bandwidth / cellSize) + 1;
        for (var k = 0; k < x.Length; k++)
        {
            var pc = (int)Math.Floor((x[k] - originX) / cellSize);
            var pr = (int)Math.Floor((y[k] - originY) / cellSize);
            for (var r = Math.Max(0, pr - reach); r <= Math.Min(rows - 1, pr + reach); r++)
            {
                var cy = originY + ((r + 0.5) * cellSize);
                for (var c = Math.Max(0, pc - reach); c <= Math.Min(cols - 1, pc + reach); c++)
                {
                    var cx = originX + ((c + 0.5) * cellSize);
                    var d2 = ((cx - x[k]) * (cx - x[k])) + ((cy - y[k]) * (cy - y[k]));
                    if (d2 < h2)
                    {
                        var u = 1.0 - (d2 / h2);
                        grid[(r * cols) + c] += scale * u * u;
                    }
                }
            }
        }

        return grid;
    }
}
