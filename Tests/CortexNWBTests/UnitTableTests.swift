import CortexHDF5
import CortexNWB
import Foundation
import Testing

/// Units, electrodes and the unit → area joins, against the h5py reference.
@Suite struct UnitTableTests {
    @Test func peakChannelJoinGivesTheReferenceAreas() throws {
        let units = try NWBSession.open(Fixtures.sessionA).units()
        let expected = Fixtures.reference.sessionA
        #expect(units.areaSource == .peakChannel)
        #expect(units.ids == expected.unitIds)
        #expect(units.records.map { $0.area ?? "" } == expected.areas)
        #expect(Set(units.records.compactMap(\.area)) == ["VISp", "VISl", "VISam", "LGd", "CA1"])
    }

    @Test func oldLayoutReadsManualStructureAcronymThroughTheElectrodesRegion() throws {
        let session = try NWBSession.open(Fixtures.sessionB)
        let electrodes = try session.electrodes()
        #expect(electrodes.areaColumn == "manual_structure_acronym")
        #expect(electrodes.areas == ["VISp", "VISl", "VISam", nil, "CA1", "VISp"])
        let units = try session.units()
        #expect(units.areaSource == .electrodesRegion)
        #expect(units.records.map { $0.area ?? "" } == Fixtures.reference.sessionB.areas)
    }

    @Test func locationColumnOnUnitsIsUsedDirectly() throws {
        let url = try SyntheticSession().write(in: Fixtures.temporaryDirectory())
        let units = try reopen(url).units()
        #expect(units.areaSource == .unitsLocation)
        #expect(units.records.map(\.area) == ["VISp", nil, "VISl"])
        #expect(units.records.map(\.spikeCount) == [3, 0, 4])
    }

    @Test func electrodesKeepNaNCoordinatesAndOutsideBrainChannels() throws {
        let session = try NWBSession.open(Fixtures.sessionA)
        let electrodes = try session.electrodes()
        #expect(electrodes.areaColumn == "location")
        #expect(electrodes.areas[9] == nil && electrodes.areas[10] == nil)   // "" and "None"
        #expect(electrodes.validData.filter { !$0 }.count == 1)
        let x = try electrodes.table.doubles("x")
        #expect(x.filter(\.isNaN).count == 3)
    }

    @Test func metricsKeepNaNValues() throws {
        let units = try NWBSession.open(Fixtures.sessionA).units()
        let cutoffs = units.records.map { $0.metric("amplitude_cutoff") }
        #expect(cutoffs.allSatisfy { $0 != nil })
        #expect(cutoffs.filter { $0!.isNaN }.count == 1)
        #expect(units.records.compactMap { $0.metric("snr") }.filter(\.isNaN).count > 0)
        #expect(units.records[0].metric("no_such_metric") == nil)
    }

    @Test func allenDefaultFilterKeepsTheReferenceUnits() throws {
        for (url, expected) in [(Fixtures.sessionA, Fixtures.reference.sessionA),
                                (Fixtures.sessionB, Fixtures.reference.sessionB)] {
            let units = try reopen(url).units()
            let kept = units.records.filter { UnitFilter.allenDefault.accepts($0, meanRate: nil) }.map(\.id)
            #expect(kept == expected.allenDefaultIds, "\(url.lastPathComponent)")
            #expect(kept.count < units.count)
        }
    }

    @Test func filtersComposeAsValues() throws {
        let units = try NWBSession.open(Fixtures.sessionA).units()
        let all = units.records.filter { UnitFilter.none.accepts($0, meanRate: 0) }
        #expect(all.count == units.count)
        let visual: UnitFilter = .custom { $0.area?.hasPrefix("VIS") == true }
        let both = UnitFilter.all([.allenDefault, visual])
        let kept = units.records.filter { both.accepts($0, meanRate: nil) }
        #expect(!kept.isEmpty && kept.allSatisfy { $0.area!.hasPrefix("VIS") && $0.quality == "good" })
        #expect(kept.count < units.records.filter { UnitFilter.allenDefault.accepts($0, meanRate: nil) }.count)
        let rate = UnitFilter.minimumRate(spikesPerSecond: 0.5)
        #expect(rate.needsRate && both.needsRate == false)
        #expect(rate.accepts(units.records[0], meanRate: nil))
        #expect(!rate.accepts(units.records[0], meanRate: 0.49) && rate.accepts(units.records[0], meanRate: 0.5))
        #expect(UnitFilter.all([]).accepts(units.records[0], meanRate: nil))
    }

    @Test func aMissingUnitsTableIsAnErrorNamingFileAndPath() throws {
        var synthetic = SyntheticSession()
        synthetic.writeUnits = false
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try reopen(url).units() }
        #expect(error == .hdf5(.objectMissing(file: url.path, path: "/units")))
        #expect(error?.description.contains(url.path) == true && error?.path == "/units")
    }

    @Test func peakChannelsJoinElectrodeIDsNotRows() throws {
        var synthetic = SyntheticSession()
        synthetic.locations = nil
        synthetic.electrodes = ([500, 501, 502], ["VISp", "VISam", "None"])
        synthetic.peakChannels = [502, 501, 500]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let units = try reopen(url).units()
        #expect(units.areaSource == .peakChannel)
        #expect(units.records.map(\.area) == [nil, "VISam", "VISp"])
        #expect(units.records.map(\.hasValidChannel) == [true, false, true])
    }

    @Test func aPeakChannelMissingFromTheElectrodesIsAnError() throws {
        var synthetic = SyntheticSession()
        synthetic.locations = nil
        synthetic.electrodes = ([500, 501, 502], ["VISp", "VISam", "None"])
        synthetic.peakChannels = [502, 777, 500]
        let url = try synthetic.write(in: Fixtures.temporaryDirectory())
        let error = capturedError { try reopen(url).units() }
        guard case .unresolvedElectrode(let file, let path, let reason)? = error else {
            Issue.record("expected unresolvedElectrode, got \(String(describing: error))"); return
        }
        #expect(file == url.path && path == "/units/peak_channel_id" && reason.contains("777"))
    }

    @Test func aFileThatIsNotHDF5IsAWrappedHDF5Error() throws {
        let url = try Fixtures.temporaryDirectory().appendingPathComponent("not-hdf5.nwb")
        try Data("this is not an HDF5 file, just text long enough to hold a signature".utf8).write(to: url)
        let error = capturedError { try NWBSession.open(url) }
        #expect(error == .hdf5(.notHDF5(file: url.path)))
        #expect(error?.file == url.path)
    }
}
