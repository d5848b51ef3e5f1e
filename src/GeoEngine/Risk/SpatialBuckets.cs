namespace CohesionGeo.GeoEngine.Risk;

/// <summary>
/// Points indexed in square buckets of a given side (metres), stored as flat arrays (a counting
/// sort), so that all points within one side of a location are in the 3 × 3 buckets around it.
/// </summary>
public sealed class SpatialBuckets
{
    private readonly double _minX;
    private readonly double _minY;
    private readonly double _side;
    private readonly int _cols;
    private readonly int _rows;
    private readonly int[] _start;
    private readonly int[] _members;

    public SpatialBuckets(ReadOnlySpan<double> x, ReadOnlySpan<double> y, double side)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(side);
        _side = side;
        double minX = double.MaxValue, minY = double.MaxValue, maxX = double.MinValue, maxY = double.MinValue;
        for (var i = 0; i < x.Length; i++)
        {
            minX = Math.Min(minX, x[i]);
            minY = Math.Min(minY, y[i]);
            maxX = Math.Max(maxX, x[i]);
            maxY = Math.Max(maxY, y[i]);
        }

        if (x.Length == 0)
        {
            minX = minY = maxX = maxY = 0;
        }

        _minX = minX;
        _minY = minY;
        _cols = (int)Math.Floor((maxX - minX) / side) + 1;
        _rows = (int)Math.Floor((maxY - minY) / side) + 1;
        _start = new int[(_cols * _rows) + 1];
        _members = new int[x.Length];
        var cellOf = new int[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var (cx, cy) = CellOf(x[i], y[i]);
            cellOf[i] = (cy * _cols) + cx;
            _start[cellOf[i] + 1]++;
        }

        for (var c = 1; c < _start.Length; c++)
        {
            _start[c] += _start[c - 1];
        }

        var fill = new int[_cols * _rows];
        for (var i = 0; i < x.Length; i++)
        {
            var c = cellOf[i];
            _members[_start[c] + fill[c]++] = i;
        }
    }

    /// <summary>Bucket column and row of a location (may be outside the grid).</summary>
    public (int Col, int Row) CellOf(double x, double y) =>
        ((int)Math.Floor((x - _minX) / _side), (int)Math.Floor((y - _minY) / _side));

    /// <summary>Indices of the points in a bucket (empty outside the grid).</summary>
    public ReadOnlySpan<int> Members(int col, int row)
    {
        if (col < 0 || row < 0 || col >= _cols || row >= _rows)
        {
            return [];
        }

        var c = (row * _cols) + col;
        return _members.AsSpan(_start[c], _start[c + 1] - _start[c]);
    }
}
