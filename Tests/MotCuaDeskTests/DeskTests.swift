import Foundation
import Testing
import MotCuaCore
import MotCuaStore
@testable import MotCuaDesk
import MotCuaTestSupport
