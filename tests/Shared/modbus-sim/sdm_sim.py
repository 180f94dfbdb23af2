#!/usr/bin/python3
# Eastron-SDM-like Modbus TCP meter for the Modbus driver's tests (tests/Shared/RealServers/ModbusMeterServer.cs).
# Runs on Debian's python3-pymodbus 3.0.0 under /usr/bin/python3 (the python3 on PATH may not see Debian's
# modules; scripts/test-deps/modbus.sh installs it). Recipe: shared/test-servers.md section 3.
#
#   /usr/bin/python3 sdm_sim.py MODBUS_PORT CONTROL_PORT sdm120|sdm630
#
# Modbus TCP on 127.0.0.1:MODBUS_PORT answers every unit id (pymodbus single=True). Input (fc 4) and holding
# (fc 3) tables hold 400 registers each, so address 0x0190 and above gives exception 2. HTTP control on
# 127.0.0.1:CONTROL_PORT:
#   GET /ping                                   -> ok (readiness)
#   GET /set?addr=0x000C&value=0[&fc=3|4]       -> float32, high word first, in both tables unless fc is given
#   GET /regs?addr=0x0100&values=65413,2301[&fc=3|4] -> raw 16-bit words
import struct, sys, threading, logging
from http.server import BaseHTTPRequestHandler, HTTPServer
from urllib.parse import urlparse, parse_qs
from pymodbus.server import StartTcpServer
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusSlaveContext, ModbusServerContext

modbus_port, control_port, layout = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]

def f2r(v):  # float32 -> two registers, big-endian, high word first (Eastron "ABCD")
    return list(struct.unpack('>HH', struct.pack('>f', float(v))))

# zero_mode=True: protocol address N is data block index N (pymodbus' default shifts by one).
slave = ModbusSlaveContext(
    di=ModbusSequentialDataBlock(0, [0] * 16), co=ModbusSequentialDataBlock(0, [0] * 16),
    hr=ModbusSequentialDataBlock(0, [0] * 400), ir=ModbusSequentialDataBlock(0, [0] * 400),
    zero_mode=True)
context = ModbusServerContext(slaves=slave, single=True)

def tables(q):
    return [int(q['fc'][0])] if 'fc' in q else [4, 3]

def set_float(addr, value, fcs=(4, 3)):
    for fc in fcs:
        slave.setValues(fc, addr, f2r(value))

def set_regs(addr, words, fcs=(4, 3)):
    for fc in fcs:
        slave.setValues(fc, addr, words)

# Both layouts (Eastron tables): 0x0000 voltage (phase 1), 0x0006 current (phase 1), 0x0046 frequency,
# 0x0048 import kWh, 0x0156 total kWh. SDM120: 0x000C active power. SDM630: 0x000C..0x0010 phase powers
# and 0x0034 total system power, deliberately different from phase 1 so a test sees which one is read.
values = {0x0000: 230.1, 0x0006: 5.2, 0x0046: 50.0, 0x0048: 1234.5, 0x0156: 1300.25}
if layout == 'sdm120':
    values[0x000C] = 1196.5
elif layout == 'sdm630':
    values.update({0x0002: 231.0, 0x0004: 229.5, 0x0008: 4.1, 0x000A: 3.3,
                   0x000C: 1196.5, 0x000E: 943.0, 0x0010: 757.0, 0x0034: 2896.5})
else:
    sys.exit(f'unknown layout {layout!r}; use sdm120 or sdm630')
for addr, val in values.items():
    set_float(addr, val)

# Integer registers for custom maps, holding table (fc 3) only, starting at 0x0100:
#   0x0100 int16 -1234 (power in tenths of W -> -123.4 W), 0x0101 uint16 2301 (tenths of V -> 230.1 V),
#   0x0102 uint16 87 (charge %), 0x0104-0x0105 uint32 123456789 LOW word first (Wh -> 123456.789 kWh),
#   0x0106-0x0107 int32 -5400 high word first, 0x0108-0x0109 uint32 5400 high word first (runtime s).
def u16(v): return v & 0xFFFF
set_regs(0x0100, [u16(-1234), 2301, 87, 0, 123456789 & 0xFFFF, 123456789 >> 16,
                  u16(-5400 >> 16), u16(-5400), 0, 5400], fcs=(3,))

class Ctl(BaseHTTPRequestHandler):
    def do_GET(self):
        url = urlparse(self.path); q = parse_qs(url.query)
        try:
            if url.path == '/ping':
                body = 'ok'
            elif url.path == '/set':
                addr = int(q['addr'][0], 0); set_float(addr, q['value'][0], tables(q)); body = f'ok {addr} {q["value"][0]}'
            elif url.path == '/regs':
                addr = int(q['addr'][0], 0); words = [int(w, 0) for w in q['values'][0].split(',')]
                set_regs(addr, words, tables(q)); body = f'ok {addr} {words}'
            else:
                raise ValueError(f'unknown path {url.path}')
            code = 200
        except Exception as e:
            body, code = f'error {e!r}', 400
        self.send_response(code); self.end_headers(); self.wfile.write((body + '\n').encode())
    def log_message(self, *a): pass

threading.Thread(target=HTTPServer(('127.0.0.1', control_port), Ctl).serve_forever, daemon=True).start()
logging.basicConfig(level=logging.WARNING)
print(f'sdm_sim {layout}: modbus 127.0.0.1:{modbus_port}, control http://127.0.0.1:{control_port}', flush=True)
StartTcpServer(context=context, address=('127.0.0.1', modbus_port))
