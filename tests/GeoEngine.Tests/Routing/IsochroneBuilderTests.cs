using CohesionGeo.GeoEngine.Network;
using CohesionGeo.GeoEngine.Routing;
using NetTopologySuite.Geometries;

namespace CohesionGeo.GeoEngine.Tests.Routing;

public class IsochroneBuilderTests
{
    // 1 s per metre on foot; the origin stands on A.
    //
    //   A(0,0) ----200---- B(200,0) ----200---- C(400,0)
    //                       |
    //                      300 s, but closed to walkers (-1)
    //                       |
    //                      D(200,-300)
    [Fact]
    public void Contours_cover_reached_parts_of_edges_and_nothing_beyond()
    {
        var t = new TinyGraph().Node('A', 0, 0).Node('B', 200, 0).Node('C', 400, 0).Node('D', 200, -300)
            .Edge('A', 'B', 200).Edge('B', 'C', 200).Edge('B', 'D', [-1, 300, 300], [-1, 300, 300]);
        var g = t.Build();
        var origin = new PointLinker(g, TravelMode.Walk).LinkAll([(0, 0)]);
        var contours = IsochroneBuilder.Build(origin, [150f, 300f], TravelSettings.Default, new DijkstraSearch(g));
        Assert.Equal(2, contours.Count);
        var band = IsochroneBuilder.BufferMetres;

        var first = contours[0].Geometry;
        Assert.True(first.IsValid);
        Assert.True(first.Covers(Pt(140, 0)));
        Assert.True(first.Covers(Pt(140 + band - 15, 0)));
        Assert.False(first.Covers(Pt(150 + band + 15, 0)), "beyond 150 m along the street plus the band");
        Assert.False(first.Covers(Pt(100, band + 15)), "beyond the band either side of the street");

        var second = contours[1].Geometry;
        Assert.True(second.Covers(Pt(290, 0)));
        Assert.False(second.Covers(Pt(200, -150)), "the B–D edge is closed to walkers");
        Assert.True(contours[1].AreaSquareMetres > contours[0].AreaSquareMetres);
        // Band area ≈ length × 2·band + the round caps, to within the raster cells along the outline.
        var expected = (300 * 2 * band) + (Math.PI * band * band);
        Assert.InRange(contours[1].AreaSquareMetres, expected * 0.9, expected * 1.1);
    }

    // A 7 × 7 grid of 100 m streets at odd coordinates (so contour ends fall between raster cells), the
    // origin off-centre: every longer contour must contain every shorter one, cell for cell.
    [Fact]
    public void Longer_contours_contain_shorter_ones()
    {
        var t = new TinyGraph();
        for (var i = 0; i < 7; i++)
        {
            for (var j = 0; j < 7; j++)
            {
                t.Node((char)('a' + (i * 7) + j), 3.7 + (i * 101.3), 5.1 + (j * 99.7));
            }
        }

        for (var i = 0; i < 7; i++)
        {
            for (var j = 0; j < 7; j++)
            {
                var here = (char)('a' + (i * 7) + j);
                if (i + 1 < 7)
                {
                    t.Edge(here, (char)('a' + ((i + 1) * 7) + j), 101.3);
                }

                if (j + 1 < 7)
                {
                    t.Edge(here, (char)('a' + (i * 7) + j + 1), 99.7);
                }
            }
        }

        var g = t.Build();
        var origin = new PointLinker(g, TravelMode.Walk).LinkAll([(157.3, 233.9)]);
        var contours = IsochroneBuilder.Build(origin, [60f, 137f, 211f, 290f, 377f, 455f], TravelSettings.Default, new DijkstraSearch(g));
        for (var c = 1; c < contours.Count; c++)
        {
            var outside = contours[c - 1].Geometry.Difference(contours[c].Geometry).Area;
            Assert.True(outside < 1e-6, $"contour {contours[c - 1].Seconds} s has {outside:0.###} m² outside contour {contours[c].Seconds} s");
            Assert.True(contours[c].AreaSquareMetres >= contours[c - 1].AreaSquareMetres);
        }
    }

    // Same street; two starts: A at 0 s and C already reached after 100 s (e.g. by a bus). At 150 s the
    // band runs 150 m from A and 50 m either way from C; 190–350 is reached from neither.
    [Fact]
    public void Seeded_contours_start_each_seed_at_its_own_time()
    {
        var t = new TinyGraph().Node('A', 0, 0).Node('B', 200, 0).Node('C', 400, 0).Node('D', 200, -300)
            .Edge('A', 'B', 200).Edge('B', 'C', 200).Edge('B', 'D', [-1, 300, 300], [-1, 300, 300]);
        var g = t.Build();
        var starts = new PointLinker(g, TravelMode.Walk).LinkAll([(0, 0), (400, 0)]);
        var band = IsochroneBuilder.BufferMetres;

        var seeded = IsochroneBuilder.BuildSeeded(starts, [0f, 100f], [150f], TravelSettings.Default, new DijkstraSearch(g))[0].Geometry;
        var single = IsochroneBuilder.Build(new PointLinker(g, TravelMode.Walk).LinkAll([(0, 0)]), [150f], TravelSettings.Default, new DijkstraSearch(g))[0].Geometry;

        Assert.True(seeded.Buffer(0.01).Covers(single));
        Assert.True(seeded.Covers(Pt(140, 0)));
        Assert.True(seeded.Covers(Pt(355, 0)));
        Assert.False(seeded.Covers(Pt(270, 0)), "between 150 m from A (+band) and 50 m before C (−band)");
        Assert.False(single.Covers(Pt(400, 0)));
        Assert.False(seeded.Covers(Pt(400 + band + 15, 0)));
        Assert.Throws<ArgumentException>(() => IsochroneBuilder.BuildSeeded(starts, [0f], [150f], TravelSettings.Default, new DijkstraSearch(g)));
    }

    private static Point Pt(double x, double y) => BritishNationalGrid.Factory.CreatePoint(new Coordinate(x, y));
}
